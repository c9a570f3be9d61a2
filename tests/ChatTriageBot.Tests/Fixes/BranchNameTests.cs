using ChatTriageBot.Fixes;

namespace ChatTriageBot.Tests.Fixes;

public sealed class BranchNameTests
{
    [Fact]
    public void Name_IsTheTriageIdAndASlugOfTheSummary_UnderTheTriagePrefix() =>
        Assert.Equal("triage/42-treat-a-missing-discount-as-0-percent-in", BranchName.For(42, "Treat a missing discount as 0 percent in CartService.Total."));

    [Fact]
    public void Name_IsTheSameEveryTime_AndNeverEmpty()
    {
        Assert.Equal(BranchName.For(7, "Fix: NULL <deref> in ÄÖÜ!"), BranchName.For(7, "Fix: NULL <deref> in ÄÖÜ!"));
        Assert.Equal("triage/7-fix", BranchName.For(7, "!!!"));
        Assert.Equal("triage/7-fix-null-deref-in", BranchName.For(7, "Fix: NULL <deref> in ÄÖÜ!"));
    }
}
