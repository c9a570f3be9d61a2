namespace ChatTriageBot.Tests.CodeContext;

public sealed class CoChangeSignalTests
{
    [Fact]
    public void AFileThatAlwaysChangesWithTheBestCandidate_IsRankedWithIt()
    {
        var commit = new InMemoryCommit()
            .With("src/pricing.py", "def discount_total(cart):\n    return cart\n")
            .With("src/pricing_rules.yml", "rules: []\n")
            .With("src/unrelated.py", "x = 1\n")
            .Changed("start", "src/pricing.py", "src/pricing_rules.yml", "src/unrelated.py")
            .ChangedTogether(3, "pricing", "src/pricing.py", "src/pricing_rules.yml");
        const string Text = "discount_total ignores the discount on my cart";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, "co-change");

        Assert.Equal("src/pricing.py", on[0].Path);
        Assert.Contains("changes together with pricing.py", on.Single(r => r.Path == "src/pricing_rules.yml").Reasons);
        Assert.DoesNotContain(on, r => r.Path == "src/unrelated.py");
        Assert.Equal(["src/pricing.py"], off);
    }
}
