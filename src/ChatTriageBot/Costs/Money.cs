using System.Globalization;

namespace ChatTriageBot.Costs;

/// <summary>US dollars as the ledger keeps them (whole millionths, exact to add up) and as people read them.</summary>
internal static class Money
{
    public const long MicrosPerDollar = 1_000_000;

    /// <summary>A price-table amount in millionths of a dollar, rounded half away from zero.</summary>
    public static long ToMicros(decimal dollars) => (long)Math.Round(dollars * MicrosPerDollar, MidpointRounding.AwayFromZero);

    public static decimal ToDollars(long micros) => micros / (decimal)MicrosPerDollar;

    /// <summary><c>$1.23</c>, or four decimals below a cent (<c>$0.0016</c>), so a small call is not shown as free.</summary>
    public static string Usd(decimal amount) =>
        amount.ToString(Math.Abs(amount) is > 0 and < 0.01m ? "$0.0000" : "$#,0.00", CultureInfo.InvariantCulture);

    public static string Usd(long micros) => Usd(ToDollars(micros));
}
