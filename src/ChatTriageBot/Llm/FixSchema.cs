using System.Text.Json;

namespace ChatTriageBot.Llm;

/// <summary>
/// The strict JSON schema of a proposed fix: small search-and-replace edits, each of which must match exactly one
/// place in a file at the pinned commit, so a fix is checked against the real code before anyone sees it.
/// </summary>
internal static class FixSchema
{
    public const string Name = "fix";

    public const string Json = """
        {
          "type": "object",
          "properties": {
            "summary": { "type": "string", "description": "One or two sentences: what the change does and why it fixes the problem." },
            "edits": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "path": { "type": "string", "description": "A repository path exactly as given in a code section header." },
                  "find": { "type": "string", "description": "Exact existing text to replace (whole lines, without line numbers), unique in the file." },
                  "replace": { "type": "string", "description": "The new text for those lines." },
                  "why": { "type": "string" }
                },
                "required": ["path", "find", "replace", "why"],
                "additionalProperties": false
              }
            },
            "test_plan": { "type": "string", "description": "How a reviewer can check the fix (tests to add or run)." },
            "risk": { "type": "string", "enum": ["low", "medium", "high"] }
          },
          "required": ["summary", "edits", "test_plan", "risk"],
          "additionalProperties": false
        }
        """;

    public static JsonElement Element { get; } = JsonDocument.Parse(Json).RootElement.Clone();
}

/// <summary>The model's proposed fix (see <see cref="FixSchema"/>).</summary>
internal sealed record FixProposal
{
    public required string Summary { get; init; }

    public required IReadOnlyList<FixEdit> Edits { get; init; }

    public required string TestPlan { get; init; }

    public required string Risk { get; init; }
}

/// <summary>Replace <see cref="Find"/> (which must occur exactly once in <see cref="Path"/>) with <see cref="Replace"/>.</summary>
internal sealed record FixEdit(string Path, string Find, string Replace, string Why);
