using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>One message per problem, each naming the setting as it is written in the environment.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var problems = new List<string>();
        var http = string.Equals(options.Mode, SlackModes.Http, StringComparison.OrdinalIgnoreCase);
        if (!http && !options.IsSocketMode)
        {
            problems.Add($"Slack__Mode must be '{SlackModes.Http}' or '{SlackModes.SocketMode}', not '{options.Mode}'.");
        }

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            problems.Add("Slack__BotToken is missing: the bot token (xoxb-...) from the app's OAuth & Permissions page.");
        }
        else if (!options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            problems.Add("Slack__BotToken must be a bot token starting with xoxb-.");
        }

        if (http && options.AllSigningSecrets.Count == 0)
        {
            problems.Add("Slack__SigningSecret is missing: the signing secret from the app's Basic Information page (needed in Http mode).");
        }

        if (options.IsSocketMode)
        {
            if (string.IsNullOrWhiteSpace(options.AppToken))
            {
                problems.Add("Slack__AppToken is missing: an app-level token (xapp-...) with connections:write (needed in SocketMode).");
            }
            else if (!options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            {
                problems.Add("Slack__AppToken must be an app-level token starting with xapp-.");
            }

            if (options.SocketSilenceSeconds is < 1 or > 3600)
            {
                problems.Add("Slack__SocketSilenceSeconds must be between 1 and 3600.");
            }
        }

        if (options.RequestTimeoutSeconds is < 1 or > 600)
        {
            problems.Add("Slack__RequestTimeoutSeconds must be between 1 and 600.");
        }

        if (options.AckDeadlineMilliseconds is < 100 or > 2900)
        {
            problems.Add("Slack__AckDeadlineMilliseconds must be between 100 and 2900 (Slack waits three seconds).");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            problems.Add("Slack__ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
