using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

[OptionsValidator]
internal sealed partial class GitHubOptionsValidator : IValidateOptions<GitHubOptions>;
