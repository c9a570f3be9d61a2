using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>Tells test files from product files by their path.</summary>
internal static partial class TestFileClassifier
{
    public static bool IsTest(string path) => TestPathRegex().IsMatch(path);

    [GeneratedRegex(
        @"(^|/)(tests?|specs?|__tests__|testing|test_?utils)/|(^|/)(test_[^/]*|[^/]*_test\.(py|go|rb|exs?)|[^/]*Tests?\.(cs|java|kt|scala|swift|php|fs|vb)|[^/]*\.(spec|test)\.[cm]?[jt]sx?|[^/]*_spec\.rb|conftest\.py)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TestPathRegex();
}
