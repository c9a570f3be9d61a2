using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>Tells test files and documentation from product code by their path.</summary>
internal static partial class TestFileClassifier
{
    public static bool IsTest(string path) => TestPathRegex().IsMatch(path);

    /// <summary>Prose and repository housekeeping rather than code: docs, changelogs, translations, CI and issue templates.</summary>
    public static bool IsDocumentation(string path) => DocumentationPathRegex().IsMatch(path);

    [GeneratedRegex(
        @"(^|/)(tests?|specs?|__tests__|testing|test_?utils)/|(^|/)(test_[^/]*|[^/]*_test\.(py|go|rb|exs?)|[^/]*Tests?\.(cs|java|kt|scala|swift|php|fs|vb)|[^/]*\.(spec|test)\.[cm]?[jt]sx?|[^/]*_spec\.rb|conftest\.py)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TestPathRegex();

    [GeneratedRegex(
        @"\.(md|rst|txt|adoc|po|pot)$|(^|/)\.github/|(^|/)\.(travis|gitlab-ci|appveyor)\.yml$|(^|/)(locales?|translations)/|(^|/)(?-i:CHANGES|CHANGELOG|HISTORY|NEWS|AUTHORS|LICENSE|COPYING|CONTRIBUTING)(\.[^/]*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DocumentationPathRegex();
}
