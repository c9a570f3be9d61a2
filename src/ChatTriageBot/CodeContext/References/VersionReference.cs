namespace ChatTriageBot.CodeContext;

/// <summary>A version or release tag (<c>v1.2.3</c>, <c>2.0.1</c>).</summary>
internal sealed record VersionReference(string Value);
