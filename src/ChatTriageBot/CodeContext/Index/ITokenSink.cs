namespace ChatTriageBot.CodeContext;

/// <summary>Receives the tokens of <see cref="CodeTokenizer"/>; a struct implementation keeps the hot loop free of delegates.</summary>
internal interface ITokenSink
{
    void Add(ReadOnlySpan<char> token);
}
