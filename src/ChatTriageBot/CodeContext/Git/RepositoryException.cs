namespace ChatTriageBot.CodeContext;

/// <summary>A repository could not be opened, cloned, fetched or pinned; the message says why in words fit for a user.</summary>
internal sealed class RepositoryException : Exception
{
    public RepositoryException()
    {
    }

    public RepositoryException(string message)
        : base(message)
    {
    }

    public RepositoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
