namespace ChatTriageBot.Triage;

/// <summary>A part of a text to replace: <c>[Start, End)</c>, its kind, the value its placeholder stands for, and its pattern's rank.</summary>
internal sealed record RedactionSpan(int Start, int End, string Kind, string Key, int Priority);
