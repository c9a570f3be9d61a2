namespace ChatTriageBot.Llm;

internal static class DiagnosisKinds
{
    public const string Bug = "bug";
    public const string FeatureRequest = "feature_request";
    public const string Question = "question";
    public const string Incident = "incident";
    public const string Configuration = "configuration";

    public static readonly IReadOnlyList<string> All = [Bug, FeatureRequest, Question, Incident, Configuration];
}
