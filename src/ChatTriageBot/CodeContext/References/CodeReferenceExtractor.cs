using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Finds what a support message points at in code: GitHub links, file paths, stack frames (.NET, Java, Python,
/// JavaScript/TypeScript, Go, Ruby, PHP), error types, quoted error messages, identifiers and versions.
/// Pure and thread-safe; the text is treated as untrusted data and only pattern-matched.
/// </summary>
internal static partial class CodeReferenceExtractor
{
    private const int MaxTextLength = 200_000;

    private static readonly HashSet<string> NotPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "node.js", "vue.js", "next.js", "nuxt.js", "react.js", "express.js", "ember.js", "backbone.js", "angular.js",
        "d3.js", "chart.js", "three.js", "moment.js", "socket.io", "alpine.js", "solid.js", "nest.js", "deno.js",
    };

    private static readonly HashSet<string> NotOwners = new(StringComparer.OrdinalIgnoreCase)
    {
        "orgs", "settings", "features", "about", "marketplace", "sponsors", "topics", "apps", "login", "search",
        "notifications", "explore", "pricing", "enterprise", "collections", "trending", "users",
    };

    // Names so common in any language that a call to them points at no file of ours.
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "print", "println", "printf", "len", "str", "int", "float", "list", "dict", "set", "tuple", "range", "type",
        "isinstance", "issubclass", "repr", "super", "open", "sorted", "zip", "map", "filter", "sum", "min", "max", "abs",
        "round", "bool", "hash", "iter", "next", "getattr", "setattr", "hasattr", "format", "require", "object",
        "Exception", "String", "Object", "Integer", "Error", "Math", "JSON", "console", "assert", "main",
    };

    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "io", "dev", "app", "co", "uk", "de", "fr", "edu", "gov", "info", "biz", "ai",
    };

    public static CodeReferences Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        var links = ExtractGitHubLinks(text);
        var frames = ExtractStackFrames(text);

        // URLs and e-mail addresses are blanked (keeping offsets and lines) so their pieces are not read as paths or identifiers.
        var masked = Mask(text);
        var paths = ExtractPaths(masked);
        var errorTypes = ExtractErrorTypes(masked);
        var messages = ExtractMessages(masked);
        var identifiers = ExtractIdentifiers(masked, errorTypes);
        var versions = ExtractVersions(masked);
        var refusedCalls = ExtractRefusedCalls(masked);
        return new CodeReferences(links, paths, frames, errorTypes, messages, identifiers, versions, refusedCalls);
    }

    private static List<GitHubLink> ExtractGitHubLinks(string text)
    {
        var links = new List<GitHubLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in GitHubUrlRegex().Matches(text))
        {
            var rest = match.Groups["rest"].Value;
            var fragment = match.Groups["frag"].Value;
            var url = match.Value;
            if (!match.Groups["frag"].Success && !match.Groups["query"].Success)
            {
                var trimmed = rest.TrimEnd('.', ',', ';', ':', '!', '?');
                url = url[..(url.Length - (rest.Length - trimmed.Length))];
                rest = trimmed;
            }

            var owner = match.Groups["owner"].Value;
            var repo = match.Groups["repo"].Value;
            if (repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            {
                repo = repo[..^4];
            }

            repo = repo.TrimEnd('.', ',', ';', ':', '!', '?');
            if (NotOwners.Contains(owner) || repo.Length == 0 || !seen.Add(url))
            {
                continue;
            }

            var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
            links.Add(ParseGitHubLink(url, owner, repo, segments, fragment));
        }

        return links;
    }

    private static GitHubLink ParseGitHubLink(string url, string owner, string repo, string[] segments, string fragment)
    {
        var repository = new GitHubLink(url, GitHubLinkKind.Repository, owner, repo);
        if (segments.Length < 2)
        {
            return repository;
        }

        switch (segments[0])
        {
            case "blob" when segments.Length >= 3:
                return repository with
                {
                    Kind = GitHubLinkKind.Blob,
                    Ref = segments[1],
                    Path = string.Join('/', segments[2..]),
                    Lines = ParseLineFragment(fragment),
                };
            case "tree":
                return repository with
                {
                    Kind = GitHubLinkKind.Tree,
                    Ref = segments[1],
                    Path = segments.Length > 2 ? string.Join('/', segments[2..]) : null,
                };
            case "commit":
                return repository with { Kind = GitHubLinkKind.Commit, Ref = segments[1] };
            case "issues" when int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issue):
                return repository with { Kind = GitHubLinkKind.Issue, Number = issue };
            case "pull" when int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pull):
                return repository with { Kind = GitHubLinkKind.PullRequest, Number = pull };
            case "compare":
                var range = string.Join('/', segments[1..]);
                var separator = range.Contains("...", StringComparison.Ordinal) ? "..." : "..";
                var parts = range.Split(separator, 2);
                return repository with
                {
                    Kind = GitHubLinkKind.Compare,
                    BaseRef = parts.Length == 2 ? parts[0] : null,
                    HeadRef = parts.Length == 2 ? parts[1] : parts[0],
                };
            default:
                return repository;
        }
    }

    private static LineRange? ParseLineFragment(string fragment)
    {
        var match = LineFragmentRegex().Match(fragment);
        if (!match.Success)
        {
            return null;
        }

        var start = ParseInt(match.Groups["start"].Value);
        var end = match.Groups["end"].Success ? ParseInt(match.Groups["end"].Value) : start;
        return new LineRange(Math.Min(start, end), Math.Max(start, end));
    }

    private static List<StackFrameReference> ExtractStackFrames(string text)
    {
        var frames = new List<StackFrameReference>();
        var seen = new HashSet<StackFrameReference>();
        var lines = text.Split('\n');
        void Add(StackFrameReference frame)
        {
            if (seen.Add(frame))
            {
                frames.Add(frame);
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > 2000)
            {
                continue;
            }

            if (ParseFrame(line, i > 0 ? lines[i - 1].TrimEnd('\r') : null) is { } frame)
            {
                Add(frame);
            }

            foreach (Match php in PhpInlineRegex().Matches(line))
            {
                Add(new StackFrameReference(StackFrameLanguage.Php, NormalizePath(php.Groups["file"].Value), ParseInt(php.Groups["line"].Value), null));
            }
        }

        return frames;
    }

    private static StackFrameReference? ParseFrame(string line, string? previous)
    {
        Match m;
        if ((m = AtCallRegex().Match(line)).Success)
        {
            var symbol = m.Groups["sym"].Value;
            var args = m.Groups["args"].Value;
            var java = JavaLocationRegex().Match(args);
            if (java.Success)
            {
                return new StackFrameReference(StackFrameLanguage.Java, java.Groups["file"].Value, ParseInt(java.Groups["line"].Value), symbol);
            }

            if (args is "Native Method" or "Unknown Source")
            {
                return new StackFrameReference(StackFrameLanguage.Java, null, null, symbol);
            }

            return m.Groups["file"].Success
                ? new StackFrameReference(StackFrameLanguage.DotNet, NormalizePath(m.Groups["file"].Value), ParseInt(m.Groups["line"].Value), symbol)
                : new StackFrameReference(StackFrameLanguage.DotNet, null, null, symbol);
        }

        if ((m = JavaScriptFrameRegex().Match(line)).Success)
        {
            var location = JavaScriptLocationRegex().Match(m.Groups["loc"].Value);
            if (!location.Success)
            {
                return null;
            }

            var file = location.Groups["file"].Value;
            var symbol = m.Groups["sym"].Success ? m.Groups["sym"].Value : null;
            var path = file.StartsWith("node:", StringComparison.Ordinal) ? null : NormalizePath(file);
            return new StackFrameReference(StackFrameLanguage.JavaScript, path, ParseInt(location.Groups["line"].Value), symbol);
        }

        if ((m = PythonFrameRegex().Match(line)).Success)
        {
            return new StackFrameReference(
                StackFrameLanguage.Python,
                NormalizePath(m.Groups["file"].Value),
                ParseInt(m.Groups["line"].Value),
                m.Groups["sym"].Success ? m.Groups["sym"].Value : null);
        }

        if ((m = GoFileLineRegex().Match(line)).Success)
        {
            return new StackFrameReference(StackFrameLanguage.Go, NormalizePath(m.Groups["file"].Value), ParseInt(m.Groups["line"].Value), GoFunction(previous));
        }

        if ((m = RubyFrameRegex().Match(line)).Success)
        {
            return new StackFrameReference(StackFrameLanguage.Ruby, NormalizePath(m.Groups["file"].Value), ParseInt(m.Groups["line"].Value), m.Groups["sym"].Value);
        }

        if ((m = PhpHashFrameRegex().Match(line)).Success)
        {
            return new StackFrameReference(StackFrameLanguage.Php, NormalizePath(m.Groups["file"].Value), ParseInt(m.Groups["line"].Value), m.Groups["sym"].Value);
        }

        return null;
    }

    /// <summary>The function line printed above a Go frame's file line: <c>main.(*Cart).Total(0xc000010000)</c>.</summary>
    private static string? GoFunction(string? line)
    {
        var trimmed = line?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.EndsWith(')'))
        {
            return null;
        }

        // The arguments are the parenthesised group that closes the line; the receiver "(*T)" stays part of the name.
        var depth = 0;
        for (var i = trimmed.Length - 1; i > 0; i--)
        {
            depth += trimmed[i] switch { ')' => 1, '(' => -1, _ => 0 };
            if (depth == 0)
            {
                var name = trimmed[..i];
                return name.Contains(' ', StringComparison.Ordinal) ? null : name;
            }
        }

        return null;
    }

    private static List<FilePathReference> ExtractPaths(string masked)
    {
        var paths = new List<FilePathReference>();
        var seen = new HashSet<FilePathReference>();
        foreach (Match match in PathRegex().Matches(masked))
        {
            var raw = match.Groups["path"].Value;
            var path = NormalizePath(raw);
            if (path.Length == 0 || NotPaths.Contains(path))
            {
                continue;
            }

            int? line = match.Groups["line"].Success ? ParseInt(match.Groups["line"].Value)
                : match.Groups["line2"].Success ? ParseInt(match.Groups["line2"].Value) : null;
            int? column = match.Groups["col"].Success ? ParseInt(match.Groups["col"].Value) : null;
            var reference = new FilePathReference(path, line, column);
            if (seen.Add(reference))
            {
                paths.Add(reference);
            }
        }

        return paths;
    }

    private static List<ErrorTypeReference> ExtractErrorTypes(string masked)
    {
        var names = new List<ErrorTypeReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in ErrorTypeRegex().Matches(masked))
        {
            if (seen.Add(match.Value))
            {
                names.Add(new ErrorTypeReference(match.Value));
            }
        }

        foreach (Match match in PythonBuiltinErrorRegex().Matches(masked))
        {
            if (seen.Add(match.Value))
            {
                names.Add(new ErrorTypeReference(match.Value));
            }
        }

        return names;
    }

    private static List<QuotedMessageReference> ExtractMessages(string masked)
    {
        var messages = new List<QuotedMessageReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string candidate)
        {
            var text = candidate.Trim().TrimEnd('.', ',', ';');
            if (ReadsLikeMessage(text) && seen.Add(text))
            {
                messages.Add(new QuotedMessageReference(text));
            }
        }

        foreach (Match match in QuotedRegex().Matches(masked))
        {
            Add(match.Groups["m"].Value);
        }

        foreach (Match match in ErrorLineRegex().Matches(masked))
        {
            Add(match.Groups["m"].Value);
        }

        foreach (Match match in DiagnosticLineRegex().Matches(masked))
        {
            Add(match.Groups["m"].Value);
        }

        return messages;
    }

    private static List<RefusedCallReference> ExtractRefusedCalls(string masked)
    {
        var calls = new List<RefusedCallReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in RefusedCallRegex().Matches(masked))
        {
            if (seen.Add(match.Groups["callable"].Value))
            {
                calls.Add(new RefusedCallReference(match.Groups["callable"].Value, match.Groups["complaint"].Value));
            }
        }

        return calls;
    }

    private static bool ReadsLikeMessage(string text)
    {
        if (text.Length is < 6 or > 300 || !text.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Contains("=>", StringComparison.Ordinal) || text.Contains("==", StringComparison.Ordinal)
            || text.Contains(';', StringComparison.Ordinal) || text.Contains('{', StringComparison.Ordinal)
            || text.Contains('}', StringComparison.Ordinal) || text.Contains(" = ", StringComparison.Ordinal))
        {
            return false;
        }

        var words = 0;
        var lowerWords = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Any(char.IsLetter))
            {
                words++;
            }

            if (word.Length >= 2 && word.All(c => char.IsLower(c) || !char.IsLetter(c)) && word.Any(char.IsLetter))
            {
                lowerWords++;
            }
        }

        return words >= 2 && lowerWords >= 1;
    }

    private static List<IdentifierReference> ExtractIdentifiers(string masked, List<ErrorTypeReference> errorTypes)
    {
        var identifiers = new List<IdentifierReference>();
        var seen = new HashSet<string>(errorTypes.Select(e => e.Name), StringComparer.Ordinal);
        foreach (Match match in IdentifierRegex().Matches(masked))
        {
            var name = match.Value;
            if (name.Length < 3 || seen.Contains(name))
            {
                continue;
            }

            var style = Classify(name);
            if (style is null && IsCodeWord(masked, match))
            {
                style = IdentifierStyle.CodeWord;
            }

            if (style is null)
            {
                continue;
            }

            seen.Add(name);
            identifiers.Add(new IdentifierReference(name, style.Value));
        }

        return identifiers;
    }

    /// <summary>
    /// A plain word is code when it is called (<c>name(</c>, no space) or is all a backtick span holds; common built-ins
    /// (<c>print(</c>, <c>len(</c>) and English words are not.
    /// </summary>
    private static bool IsCodeWord(string text, Match match)
    {
        var name = match.Value;
        if (CodeTokenizer.IsStopWord(name.ToLowerInvariant()) || Builtins.Contains(name))
        {
            return false;
        }

        var end = match.Index + match.Length;
        var called = end < text.Length && text[end] == '(' && !(end + 2 < text.Length && text[end + 1] is 's' && text[end + 2] == ')');
        var quoted = match.Index > 0 && text[match.Index - 1] == '`' && end < text.Length && text[end] == '`';
        return called || quoted;
    }

    private static IdentifierStyle? Classify(string name)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            var parts = name.Split('.');
            if (SourceExtensions.HasKnownExtension(name) || parts.All(p => p.Length < 2)
                || (TopLevelDomains.Contains(parts[^1]) && parts.All(p => p.All(c => !char.IsUpper(c)))))
            {
                return null;
            }

            return IdentifierStyle.Dotted;
        }

        var hasLetter = name.Any(char.IsLetter);
        if (name.Contains('_', StringComparison.Ordinal) && hasLetter && name.Trim('_').Length >= 2)
        {
            return IdentifierStyle.SnakeCase;
        }

        var upperAfterFirst = name.Skip(1).Any(char.IsUpper);
        var hasLower = name.Any(char.IsLower);
        if (char.IsLower(name[0]) && upperAfterFirst)
        {
            return IdentifierStyle.CamelCase;
        }

        if (char.IsUpper(name[0]) && upperAfterFirst && hasLower)
        {
            return IdentifierStyle.PascalCase;
        }

        return null;
    }

    private static List<VersionReference> ExtractVersions(string masked)
    {
        var versions = new List<VersionReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in VersionRegex().Matches(masked))
        {
            var value = match.Value;
            var core = value.Split('-', 2)[0];
            var dots = core.Count(c => c == '.');
            var prefixed = value[0] is 'v' or 'V';
            if ((prefixed || dots == 2) && seen.Add(value))
            {
                versions.Add(new VersionReference(value));
            }
        }

        return versions;
    }

    private static string Mask(string text)
    {
        var builder = new StringBuilder(text);
        foreach (var regex in new[] { UrlRegex(), EmailRegex() })
        {
            foreach (Match match in regex.Matches(builder.ToString()))
            {
                for (var i = match.Index; i < match.Index + match.Length; i++)
                {
                    builder[i] = ' ';
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>Forward slashes, no <c>file://</c> scheme, no leading <c>./</c>.</summary>
    internal static string NormalizePath(string path)
    {
        var normalized = path.Trim().Replace('\\', '/');
        if (normalized.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            normalized = normalized["file://".Length..];
        }

        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized;
    }

    private static string Unescape(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return segment;
        }
    }

    private static int ParseInt(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    [GeneratedRegex("""https?://(?:www\.)?github\.com/(?<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/(?<repo>[A-Za-z0-9._-]+)(?<rest>(?:/[^\s<>"'`()\[\]{}#?]*)*)(?<query>\?[^\s<>"'`()\[\]{}#]*)?(?:#(?<frag>[\w-]*))?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GitHubUrlRegex();

    [GeneratedRegex(@"^L(?<start>\d+)(?:C\d+)?(?:-L?(?<end>\d+)(?:C\d+)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LineFragmentRegex();

    [GeneratedRegex("""\b[a-z][a-z0-9+.-]*://[^\s<>"'`]+|\bwww\.[^\s<>"'`]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    // .NET "at Ns.Type.Method(Args) in /path/File.cs:line 42" (file part optional) and Java "at com.x.Y.m(Y.java:42)".
    [GeneratedRegex(@"^\s*at\s+(?<sym>[^\s(]+)\((?<args>[^()]*)\)(?:\s+in\s+(?<file>.+?):line\s+(?<line>\d+))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AtCallRegex();

    [GeneratedRegex(@"^(?<file>[\w$.-]+\.(?:java|kt|kts|scala|groovy|clj)):(?<line>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaLocationRegex();

    // JavaScript/TypeScript (V8): "at fn (src/a.ts:10:5)", "at async Foo.bar (file:///x.js:1:2)", "at src/a.js:1:2".
    [GeneratedRegex(@"^\s*at\s+(?:(?:async|new)\s+)?(?:(?<sym>[^\s()]+(?:\s+\[as\s+[^\]]+\])?)\s+\((?<loc>[^()]+)\)|(?<loc>[^\s()]+))\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaScriptFrameRegex();

    [GeneratedRegex(@"^(?<file>.+?):(?<line>\d+)(?::(?<col>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaScriptLocationRegex();

    [GeneratedRegex("""^\s*File\s+"(?<file>[^"]+)",\s+line\s+(?<line>\d+)(?:,\s+in\s+(?<sym>\S+))?""", RegexOptions.CultureInvariant)]
    private static partial Regex PythonFrameRegex();

    [GeneratedRegex(@"^\s+(?<file>\S+\.go):(?<line>\d+)(?:\s+\+0x[0-9a-fA-F]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex GoFileLineRegex();

    [GeneratedRegex(@"^\s*(?:from\s+)?(?<file>[^\s:]*[^\s:/]\.(?:rb|rake|erb)):(?<line>\d+):in\s+[`'](?<sym>[^'`]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex RubyFrameRegex();

    [GeneratedRegex(@"^\s*#\d+\s+(?<file>\S+?\.php)\((?<line>\d+)\):\s*(?<sym>[^\s(]+)", RegexOptions.CultureInvariant)]
    private static partial Regex PhpHashFrameRegex();

    [GeneratedRegex(@"\b(?:in|at)\s+(?<file>\S+?\.php)(?:\s+on\s+line\s+|:)(?<line>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PhpInlineRegex();

    [GeneratedRegex(@"(?<![\w@/\\.:-])(?<path>(?:[A-Za-z]:[\\/]|~/|\.{1,2}/|/)?(?:[\w@.+-]+[\\/])*[\w+-][\w.+-]*\.(?:" + SourceExtensions.Pattern + @"))(?![\w-]|\.\w)(?:(?::line\s+|:|\()(?<line>\d+)(?::(?<col>\d+))?|""?,\s+line\s+(?<line2>\d+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"(?<![\w.])(?:[A-Za-z_]\w*\.)*[A-Z][A-Za-z0-9_]*(?:Exception|Error|Warning|Fault)(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorTypeRegex();

    [GeneratedRegex(@"(?<![\w.])(?:StopIteration|StopAsyncIteration|KeyboardInterrupt|SystemExit|GeneratorExit)(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PythonBuiltinErrorRegex();

    [GeneratedRegex(@"(?:(?<![\w.])(?:[A-Za-z_]\w*\.)*[A-Z][A-Za-z0-9_]*(?:Exception|Error|Fault)|\bpanic):[ \t]+(?<m>[^\r\n]{3,300})", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLineRegex();

    /// <summary>
    /// Python's complaint about a call's arguments, naming the callable (qualified since Python 3.10):
    /// <c>TypeError: RST.__init__() got an unexpected keyword argument 'header_rows'</c>, <c>f() missing 1 required
    /// positional argument: 'x'</c>, <c>g() takes 2 positional arguments but 3 were given</c>.
    /// </summary>
    [GeneratedRegex(@"(?<![\w.])TypeError:[ \t]+(?<callable>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\(\)[ \t]+(?<complaint>got an unexpected keyword argument|got multiple values for (?:keyword )?argument|missing \d+ required (?:positional |keyword-only )?arguments?|takes (?:from \d+ to )?\d+ (?:positional )?arguments? but \d+ (?:was|were) given|takes no (?:keyword )?arguments)", RegexOptions.CultureInvariant)]
    private static partial Regex RefusedCallRegex();

    /// <summary>
    /// A tool's diagnostic line: a level (<c>WARNING: …</c>, <c>[ERROR] …</c>) or a check identifier
    /// (<c>app.Stock: (models.E015) …</c>) before the message.
    /// </summary>
    [GeneratedRegex(@"(?:(?<![\w.-])(?:WARNING|ERROR|CRITICAL|FATAL|Warning|warning|error)(?:\]|:)|\((?:[a-z_]+\.)?[A-Z]\d{3}\))[ \t]+(?<m>[^\r\n]{3,300})", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLineRegex();

    [GeneratedRegex("""(?<!\w)"(?<m>[^"\r\n]{3,300})"|“(?<m>[^”\r\n]{3,300})”|`(?<m>[^`\r\n]{3,300})`|(?<![\w'])'(?<m>[^'\r\n]{3,300})'(?![\w'])""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"(?<![\w.])[vV]?\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?(?!\w|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionRegex();
}
