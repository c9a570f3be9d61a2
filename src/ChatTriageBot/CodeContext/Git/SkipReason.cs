namespace ChatTriageBot.CodeContext;

/// <summary>Why a file of the tree is not read as text.</summary>
internal enum SkipReason
{
    /// <summary>Larger than <see cref="CodeContextOptions.MaxFileBytes"/>.</summary>
    TooLarge,

    /// <summary>A NUL byte in the first 8000 bytes.</summary>
    Binary,

    /// <summary>A symbolic link: its blob is a path, not content.</summary>
    SymbolicLink,

    /// <summary>The object is not in the repository (a partial or damaged clone).</summary>
    Missing,
}
