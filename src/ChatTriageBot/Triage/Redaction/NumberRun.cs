namespace ChatTriageBot.Triage;

/// <summary>
/// A run of digits and number separators (<c>+ ( ) . - / space</c>) in a text, with what a number format needs to know
/// before its pattern is tried on it: how many digits, dots and dashes it holds, how many digits come before the first
/// separator, whether it has a <c>+</c> (and whether it starts with one, as an international phone number does) or a
/// bracket, and whether an upper-case letter stands just before it or a letter right after its last digit or dash, with no
/// space between (an IBAN's country, a DNI's letter, a Finnish code's century sign).
/// </summary>
internal readonly record struct NumberRun(int Start, int End, int Digits, int FirstGroup, int Dots, int Dashes, bool Plus, bool LeadingPlus, bool Bracket, bool UpperBefore, bool LetterAfter)
{
    /// <summary>
    /// The fewest digits of a run shown to number formats: the shortest value they look for, an IPv4 address, has four.
    /// A format's <see cref="RedactionFormat.Numbers"/> never sees a shorter run.
    /// </summary>
    public const int MinDigits = 4;
}
