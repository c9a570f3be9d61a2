namespace ChatTriageBot.CodeContext;

/// <summary>The runtime whose stack-trace format a frame was written in.</summary>
internal enum StackFrameLanguage
{
    DotNet,
    Java,
    Python,
    JavaScript,
    Go,
    Ruby,
    Php,
}
