using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class TypeHomeSignalTests
{
    [Fact]
    public void OfTwoFilesDefiningAType_TheOneNamedAfterItInLowerCaseRanksFirst()
    {
        // A module named after its main type (class Mod in mod.py) is the type's home; another file redefines it.
        var commit = new InMemoryCommit()
            .With("core/mod.py", "class Mod(Function):\n    def eval(cls, p, q):\n        return p\n")
            .With("core/compat.py", "# always mod: mod mod mod mod mod\nclass Mod(Function):\n    pass\n");
        const string Text = "Mod(x**2, x) is not always 0";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, "type-home");

        Assert.Equal("core/mod.py", on[0].Path);
        Assert.Contains("Mod is defined in the file named after it", on[0].Reasons);
        Assert.Equal("core/compat.py", off[0]);
    }
}
