using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Torture;

/// <summary>One HTTP answer, read completely: status, headers and body text.</summary>
public sealed record Answer(int Status, string Body, string? ContentType, HttpResponseHeaders Headers, TimeSpan Elapsed)
{
    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The ETag's version, when the answer has one.</summary>
    public long? ETagVersion => Headers.ETag is { } tag && long.TryParse(tag.Tag.Trim('"'), out var version) ? version : null;

    /// <summary>True when the server says it replayed an earlier answer for this Idempotency-Key.</summary>
    public bool Replayed => Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");

    /// <summary>
    /// Null when this is a problem+json answer that names its problem (type, title, status equal to the HTTP status, and a
    /// detail); otherwise what is wrong with it.
    /// </summary>
    public string? ProblemDefect()
    {
        if (ContentType != "application/problem+json")
        {
            return $"content type {ContentType ?? "(none)"} instead of application/problem+json";
        }

        if (Json is not JsonObject problem)
        {
            return "a problem body that is not a JSON object";
        }

        if (problem["type"] is null || problem["title"] is null)
        {
            return "a problem without type or title";
        }

        if (problem["status"]?.GetValue<int>() != Status)
        {
            return $"problem status {problem["status"]} differs from HTTP status {Status}";
        }

        return problem["detail"] is JsonValue detail && detail.GetValue<string>().Length > 0 ? null : "a problem without a detail";
    }

    public override string ToString() => $"{Status} {(Body.Length > 300 ? Body[..300] + "..." : Body)}";
}
