using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class FileNamedAfterSignalTests
{
    [Fact]
    public void OfTwoFilesDefiningAType_TheOneNamedAfterItRanksFirst()
    {
        var commit = new InMemoryCommit()
            .With("src/Orders/RefundPolicy.cs", "namespace Shop;\n\npublic sealed class RefundPolicy\n{\n}\n")
            .With("src/Legacy/Policies.cs", "namespace Shop.Legacy;\n\n// the refund policy refuses a refund\npublic sealed class RefundPolicy\n{\n}\n");
        const string Text = "Every refund is refused\nSince the upgrade RefundPolicy refuses them all.";

        // The file also defines the type under its own name: that signal is off, to see what the file's name alone gives.
        var on = commit.Rank(Text, "type-home");
        var off = commit.Paths(Text, "type-home", "file-named-after");

        Assert.Equal("src/Orders/RefundPolicy.cs", on[0].Path);
        Assert.Contains("file named after RefundPolicy", on[0].Reasons);
        Assert.Equal("src/Legacy/Policies.cs", off[0]);
    }
}
