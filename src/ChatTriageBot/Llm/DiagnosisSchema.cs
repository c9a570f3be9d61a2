using System.Text.Json;

namespace ChatTriageBot.Llm;

/// <summary>
/// The strict JSON schema the model must answer in. Strict mode requires every property to be listed as required and
/// <c>additionalProperties: false</c> on every object.
/// </summary>
internal static class DiagnosisSchema
{
    public const string Name = "diagnosis";

    public const string Json = """
        {
          "type": "object",
          "properties": {
            "summary": { "type": "string", "description": "One or two sentences: what is wrong, in engineering terms." },
            "kind": { "type": "string", "enum": ["bug", "feature_request", "question", "incident", "configuration"] },
            "severity": { "type": "string", "enum": ["low", "medium", "high", "critical"] },
            "component": { "type": "string", "description": "The part of the system involved, e.g. a module or service name." },
            "root_cause": { "type": "string", "description": "The most likely root cause, grounded in the code sections provided." },
            "evidence": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "path": { "type": "string", "description": "A repository path exactly as given in a code section header." },
                  "start_line": { "type": "integer" },
                  "end_line": { "type": "integer" },
                  "why": { "type": "string" }
                },
                "required": ["path", "start_line", "end_line", "why"],
                "additionalProperties": false
              }
            },
            "confidence": { "type": "number", "description": "0 to 1" },
            "fixability": { "type": "number", "description": "0 to 1: how likely a small, safe code change fixes it" },
            "next_steps": { "type": "array", "items": { "type": "string" } },
            "questions_for_reporter": { "type": "array", "items": { "type": "string" } },
            "customer_reply": { "type": "string", "description": "A short, friendly reply for the customer. No file paths, code, or internal names." }
          },
          "required": ["summary", "kind", "severity", "component", "root_cause", "evidence", "confidence", "fixability", "next_steps", "questions_for_reporter", "customer_reply"],
          "additionalProperties": false
        }
        """;

    public static JsonElement Element { get; } = JsonDocument.Parse(Json).RootElement.Clone();
}
