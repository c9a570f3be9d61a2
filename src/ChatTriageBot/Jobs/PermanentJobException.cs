namespace ChatTriageBot.Jobs;

/// <summary>Thrown by a handler when retrying cannot help (a malformed payload, a deleted thread): the job fails at once.</summary>
internal sealed class PermanentJobException : Exception
{
    public PermanentJobException()
    {
    }

    public PermanentJobException(string message)
        : base(message)
    {
    }

    public PermanentJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
