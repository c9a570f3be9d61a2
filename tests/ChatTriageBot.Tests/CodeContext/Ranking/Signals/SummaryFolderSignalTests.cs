namespace ChatTriageBot.Tests.CodeContext;

public sealed class SummaryFolderSignalTests
{
    [Fact]
    public void AWordOfTheSummaryThatIsAFoldersName_LiftsItsCodeFiles()
    {
        var commit = new InMemoryCommit()
            .With("shop/timeseries/core.py", "class BaseSeries:\n    def _check(self):\n        raise ValueError('wrong first column')\n")
            .With("shop/timeseries/sampled.py", "class TimeSeries(BaseSeries):\n    pass\n")
            .With("shop/table/table.py", "# a table column is required; removing a required column raises an exception when the check fails\ndef remove_column(table, column):\n    pass\n")
            .With("shop/table/misc.py", "# removing a required column gives an unclear error when the column check fails\nx = 1\n");
        const string Text = "TimeSeries: misleading exception when required column check fails\nRemoving a required column gives an unclear error.";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, "summary-folder");

        var core = on.Single(r => r.Path == "shop/timeseries/core.py");
        Assert.Contains("timeseries in the summary names the folder", core.Reasons);
        Assert.True(on.ToList().IndexOf(core) < on.ToList().FindIndex(r => r.Path == "shop/table/misc.py"));
        Assert.True(off.IndexOf("shop/timeseries/core.py") > off.IndexOf("shop/table/misc.py"));
    }
}
