using System.Globalization;
using System.Text;

namespace ChatTriageBot.Llm;

/// <summary>A piece of code given to the model: a repository path and the text of lines <c>StartLine..EndLine</c>.</summary>
internal sealed record PromptSection(string Path, int StartLine, int EndLine, string Text)
{
    /// <summary>
    /// Writes sections as <c>&lt;code path="..." lines="A-B"&gt;</c> blocks with every line prefixed by its number (so
    /// citations can name real lines); returns false when there were none.
    /// </summary>
    public static bool AppendAll(StringBuilder prompt, IEnumerable<PromptSection> sections)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(sections);
        var any = false;
        foreach (var section in sections)
        {
            any = true;
            prompt.Append(CultureInfo.InvariantCulture, $"<code path=\"{section.Path}\" lines=\"{section.StartLine}-{section.EndLine}\">").AppendLine();
            var number = section.StartLine;
            foreach (var line in section.Text.Split('\n'))
            {
                prompt.Append(CultureInfo.InvariantCulture, $"{number,5} | ").AppendLine(line.TrimEnd('\r'));
                number++;
            }

            prompt.AppendLine("</code>");
        }

        return any;
    }
}
