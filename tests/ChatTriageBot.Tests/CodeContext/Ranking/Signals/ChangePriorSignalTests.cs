namespace ChatTriageBot.Tests.CodeContext;

public sealed class ChangePriorSignalTests
{
    [Fact]
    public void OfTwoFilesThatMatchAlike_TheOneThatChangedMoreOftenRanksFirst()
    {
        const string Rounding = "def round_total(amount):\n    return round(amount)\n";
        var commit = new InMemoryCommit()
            .With("shop/alpha/rounding.py", Rounding)
            .With("shop/beta/rounding.py", Rounding)
            .Changed("start", "shop/alpha/rounding.py", "shop/beta/rounding.py");
        for (var i = 0; i < 5; i++)
        {
            commit.Changed($"Refactor {i}", "shop/beta/rounding.py");
        }

        var on = commit.Paths("round_total gives the wrong amount");
        var off = commit.Paths("round_total gives the wrong amount", "change-prior");

        Assert.Equal(["shop/beta/rounding.py", "shop/alpha/rounding.py"], on);
        Assert.Equal(["shop/alpha/rounding.py", "shop/beta/rounding.py"], off);
    }
}
