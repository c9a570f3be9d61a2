using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

public sealed class TestOutputLoggerProviderTests
{
    [Fact]
    public void Install_KeepsTheAppsInformationAndOthersWarnings_AndWritesThemToTheTestOutput()
    {
        var output = new RecordingOutput();
        TestOutputLoggerProvider provider = null!;
        using (var factory = LoggerFactory.Create(logging => provider = TestOutputLoggerProvider.Install(logging, output)))
        {
            var ours = factory.CreateLogger("ChatTriageBot.Fixes.FixJobHandler");
            var theirs = factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware");
            ours.Log(LogLevel.Debug, new EventId(1), "ours, debug", null, (s, _) => s);
            ours.Log(LogLevel.Information, new EventId(2), "ours, information", null, (s, _) => s);
            theirs.Log(LogLevel.Information, new EventId(3), "theirs, information", null, (s, _) => s);
            theirs.Log(LogLevel.Warning, new EventId(4), "theirs, warning", null, (s, _) => s);
        }

        Assert.Equal(["ours, information", "theirs, warning"], provider.Entries.Select(e => e.Message));
        Assert.Collection(
            output.Lines,
            line => Assert.Contains("Information ChatTriageBot.Fixes.FixJobHandler[2] ours, information", line, StringComparison.Ordinal),
            line => Assert.Contains("Warning     Microsoft.AspNetCore.Routing.EndpointMiddleware[4] theirs, warning", line, StringComparison.Ordinal));
    }

    private sealed class RecordingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public string Output => string.Join(Environment.NewLine, Lines);

        public void Write(string message) => Lines.Add(message);

        public void Write(string format, params object[] args) => Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void WriteLine(string message) => Lines.Add(message);

        public void WriteLine(string format, params object[] args) => Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
