using System.Buffers;
using System.Collections.Frozen;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Tells test files and documentation from product code by their path. Every path of a commit is classified when its
/// ranking lookups are built, so this reads a path's segments once instead of running a regular expression from every
/// position.
/// </summary>
internal static class TestFileClassifier
{
    /// <summary>Folders that hold tests (any case): <c>tests/</c>, <c>spec/</c>, <c>__tests__/</c>, <c>test_utils/</c>...</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TestFolders =
        new[] { "test", "tests", "spec", "specs", "__tests__", "testing", "testutils", "test_utils" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Extensions of languages whose test classes are named <c>XTest</c> or <c>XTests</c>.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ClassTestExtensions =
        new[] { "cs", "java", "kt", "scala", "swift", "php", "fs", "vb" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Extensions of languages whose test files are named <c>x_test</c>.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> UnderscoreTestExtensions =
        new[] { "py", "go", "rb", "ex", "exs" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ProseExtensions =
        new[] { "md", "rst", "txt", "adoc", "po", "pot" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    // Documentation sources, example scripts and tutorials: code that shows the product rather than code it runs (a
    // gallery script repeats the calls of the report it illustrates, and would outrank the code they call).
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ProseFolders =
        new[]
        {
            ".github", "LC_MESSAGES", "doc", "docs", "example", "examples", "gallery", "galleries", "tutorial", "tutorials",
        }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    // Message catalogues and translated strings; a module of code among them is code (sphinx/locale/__init__.py loads
    // the catalogues, django/conf/locale/de/formats.py holds a locale's date formats), unless it is named after a
    // language (locales/de.ts, locales/pt_BR.js) or sits in gettext's LC_MESSAGES (a prose folder above).
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TranslationFolders =
        new[] { "locale", "locales", "translations" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> LowerLetters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<char> LettersAndDigits =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>Extensions of source code other than scripts (<see cref="IsScriptExtension"/> covers those).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SourceExtensions =
        new[] { "py", "pyi", "pyx", "cs", "fs", "vb", "java", "kt", "scala", "swift", "go", "rb", "php", "rs", "c", "h", "cc", "cpp", "hpp", "m", "ex", "exs" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CiFiles =
        new[] { ".travis.yml", ".gitlab-ci.yml", ".appveyor.yml" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Housekeeping files by their conventional (upper-case) names, with or without an extension.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HousekeepingNames =
        new[] { "CHANGES", "CHANGELOG", "HISTORY", "NEWS", "AUTHORS", "LICENSE", "COPYING", "CONTRIBUTING" }
            .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A file in a test folder (<c>tests/</c>, <c>spec/</c>, <c>__tests__/</c>, <c>testing/</c>, <c>test_utils/</c>), or
    /// named as a test: <c>test_x.*</c>, <c>x_test.py</c> (go, rb, ex, exs), <c>XTest.cs</c> or <c>XTests.java</c> (and
    /// the other class-per-file languages), <c>x.spec.ts</c> or <c>x.test.jsx</c>, <c>x_spec.rb</c>, <c>conftest.py</c>.
    /// </summary>
    public static bool IsTest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var span = path.AsSpan();
        var slash = span.LastIndexOf('/');
        if (AnyFolder(span[..Math.Max(0, slash)], TestFolders))
        {
            return true;
        }

        var name = span[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot >= 0 ? name[..dot] : name;
        var extension = dot >= 0 ? name[(dot + 1)..] : []; // no extension is in any of the sets below
        return name.StartsWith("test_", StringComparison.OrdinalIgnoreCase)
            || (UnderscoreTestExtensions.Contains(extension) && stem.EndsWith("_test", StringComparison.OrdinalIgnoreCase))
            || (ClassTestExtensions.Contains(extension)
                && (stem.EndsWith("test", StringComparison.OrdinalIgnoreCase) || stem.EndsWith("tests", StringComparison.OrdinalIgnoreCase)))
            || (IsScriptExtension(extension)
                && (stem.EndsWith(".spec", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".test", StringComparison.OrdinalIgnoreCase)))
            || name.EndsWith("_spec.rb", StringComparison.OrdinalIgnoreCase)
            || name.Equals("conftest.py", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Prose and repository housekeeping rather than the product's code: docs, examples and tutorials, changelogs,
    /// translations, CI and issue templates.
    /// </summary>
    public static bool IsDocumentation(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var span = path.AsSpan();
        var slash = span.LastIndexOf('/');
        var name = span[(slash + 1)..];
        var dot = span.LastIndexOf('.');
        if (dot >= 0 && ProseExtensions.Contains(span[(dot + 1)..]))
        {
            return true;
        }

        var firstDot = name.IndexOf('.');
        var lastDot = name.LastIndexOf('.');
        var extension = lastDot >= 0 ? name[(lastDot + 1)..] : [];
        var folders = span[..Math.Max(0, slash)];
        return AnyFolder(folders, ProseFolders)
            || (AnyFolder(folders, TranslationFolders)
                && ((!SourceExtensions.Contains(extension) && !IsScriptExtension(extension)) || IsLanguageTag(name[..Math.Max(0, firstDot)])))
            || CiFiles.Contains(name)
            || HousekeepingNames.Contains(firstDot >= 0 ? name[..firstDot] : name);
    }

    /// <summary>A language tag as catalogues are named: <c>de</c>, <c>pt_BR</c>, <c>zh-Hans</c>, <c>es_419</c>.</summary>
    private static bool IsLanguageTag(ReadOnlySpan<char> stem)
    {
        var separator = stem.IndexOfAny('_', '-');
        var language = separator >= 0 ? stem[..separator] : stem;
        var region = separator >= 0 ? stem[(separator + 1)..] : [];
        return language.Length is 2 or 3 && !language.ContainsAnyExcept(LowerLetters)
            && (separator < 0 || (region.Length is >= 2 and <= 4 && !region.ContainsAnyExcept(LettersAndDigits)));
    }

    /// <summary><c>js</c>, <c>ts</c>, <c>jsx</c>, <c>tsx</c>, and each with a <c>c</c> or <c>m</c> in front (<c>mjs</c>, <c>cts</c>...).</summary>
    private static bool IsScriptExtension(ReadOnlySpan<char> extension)
    {
        if (extension.Length > 0 && (extension[0] is 'c' or 'C' or 'm' or 'M'))
        {
            extension = extension[1..];
        }

        if (extension.Length > 2 && (extension[^1] is 'x' or 'X'))
        {
            extension = extension[..^1];
        }

        return extension.Length == 2 && (extension[0] is 'j' or 'J' or 't' or 'T') && (extension[1] is 's' or 'S');
    }

    private static bool AnyFolder(ReadOnlySpan<char> folders, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names)
    {
        foreach (var range in folders.Split('/'))
        {
            if (names.Contains(folders[range]))
            {
                return true;
            }
        }

        return false;
    }
}
