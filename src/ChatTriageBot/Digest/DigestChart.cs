using System.Globalization;
using ChatTriageBot.Costs;
using ScottPlot;

namespace ChatTriageBot.Digest;

/// <summary>
/// The digest's PNG chart (ScottPlot, drawn without a display): daily model spend as bars on the left axis and triages
/// started as a line on the right, over the 28 days ending with the digest's week.
/// </summary>
internal static class DigestChart
{
    public const int Width = 900;
    public const int Height = 450;

    public static string FileName(DigestWeek week) => $"triage-digest-{week}.png";

    public static byte[] Render(DigestContent digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var days = digest.Days;
        var positions = Enumerable.Range(0, days.Count).Select(i => (double)i).ToArray();
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");

        var bars = plot.Add.Bars(positions, days.Select(d => (double)Money.ToDollars(d.CostMicros)).ToArray());
        bars.LegendText = "Spend (US$ per day)";
        bars.Color = Colors.SteelBlue;

        var line = plot.Add.Scatter(positions, days.Select(d => (double)d.Triages).ToArray());
        line.LegendText = "Triages per day";
        line.Color = Colors.OrangeRed;
        line.LineWidth = 2;
        line.Axes.YAxis = plot.Axes.Right;

        // A label every week (Mondays), so 28 days stay readable.
        var ticks = days.Select((d, i) => (d, i)).Where(x => x.d.Date.DayOfWeek == DayOfWeek.Monday || x.i == days.Count - 1)
            .Select(x => new Tick(x.i, x.d.Date.ToString("ddd d MMM", CultureInfo.InvariantCulture))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.Label.Text = "US$ per day";
        plot.Axes.Right.Label.Text = "triages per day";
        plot.Title($"Daily spend and triages, the 4 weeks to {digest.Week.NextMonday.AddDays(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}");
        // Both axes from zero with a fifth of headroom, so the line and the bars never touch the frame; the legend
        // goes under the plot, where it covers nothing.
        var spend = days.Count == 0 ? 0 : days.Max(d => (double)Money.ToDollars(d.CostMicros));
        var triages = days.Count == 0 ? 0 : days.Max(d => d.Triages);
        plot.Axes.SetLimitsX(-0.7, days.Count - 0.3);
        plot.Axes.SetLimitsY(0, Math.Max(spend * 1.2, 0.01), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(triages * 1.2, 1), plot.Axes.Right);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
