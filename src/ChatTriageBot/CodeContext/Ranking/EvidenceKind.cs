namespace ChatTriageBot.CodeContext;

/// <summary>
/// What points at a file. A file keeps the largest boost of each kind (and, for kinds about one name, of each name),
/// so that one thing said twice does not count twice.
/// </summary>
internal enum EvidenceKind
{
    /// <summary>The text writes the file's path.</summary>
    NamedPath,

    /// <summary>The text writes a file name several files bear, or part of a path.</summary>
    Basename,

    /// <summary>A stack frame is in the file.</summary>
    StackFrame,

    /// <summary>The file defines the callable whose signature refused a call.</summary>
    RefusedCall,

    /// <summary>The file defines a symbol the text mentions (one per symbol).</summary>
    Definition,

    /// <summary>The file is named after a type the text mentions and defines it (one per name).</summary>
    TypeHome,

    /// <summary>A word of the summary line is the file's name.</summary>
    SummaryStem,

    /// <summary>A word of the summary line is the file's folder's name.</summary>
    SummaryFolder,

    /// <summary>The file holds a message the text quotes.</summary>
    QuotedMessage,

    /// <summary>A past commit much like the request changed the file.</summary>
    PastChange,

    /// <summary>A test of the file matches the request.</summary>
    TestSubject,

    /// <summary>A test named after no file, which matches the request, changed with the file.</summary>
    TestHistory,
}
