namespace ChatTriageBot.CodeContext;

/// <summary>
/// A callable that a Python <c>TypeError</c> says refused its arguments (<c>RST.__init__() got an unexpected keyword
/// argument 'header_rows'</c>): the error is raised as the call enters it, so it is the frame the traceback never
/// prints, and its signature is often what the fix changes. <see cref="Complaint"/> is what the error says of the call.
/// </summary>
internal sealed record RefusedCallReference(string Callable, string Complaint);
