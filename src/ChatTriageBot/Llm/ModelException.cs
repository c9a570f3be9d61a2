namespace ChatTriageBot.Llm;

/// <summary>The model could not give a usable answer (after the client's own retries): the message says why, plainly.</summary>
internal sealed class ModelException : Exception
{
    public ModelException()
    {
    }

    public ModelException(string message)
        : base(message)
    {
    }

    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Why, in a plain sentence for the people in the thread (the provider's own words stay in <see cref="Exception.Message"/>,
    /// for the log); the message itself when none was given.
    /// </summary>
    public string PlainReason
    {
        get => field ?? Message;
        init;
    }

    /// <summary>True when trying again later may help (rate limits, outages, timeouts); false for a wrong key or model.</summary>
    public bool IsTransient { get; init; } = true;
}
