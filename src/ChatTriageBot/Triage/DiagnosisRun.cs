using ChatTriageBot.Llm;

namespace ChatTriageBot.Triage;

/// <summary>A diagnosis as the model gave it, and what the call cost in tokens.</summary>
internal sealed record DiagnosisRun(Diagnosis Diagnosis, ModelUsage Usage);
