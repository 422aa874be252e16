using System.Net;
using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>What the silo answered: status, headers and the parsed JSON body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ContentType, string? ETag, JsonNode? Body, string Raw, string? RetryAfter = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A response header's value (joined when repeated), or null.</summary>
    public string? Header(string name) => Headers?.GetValueOrDefault(name);

    public JsonNode Json => Body ?? throw new InvalidOperationException($"No JSON body: {Raw}");

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> and returns it.</summary>
    public JsonObject Problem(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Raw}");
        Assert.Equal("application/problem+json", ContentType);
        var problem = Json.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), "a problem must say what is wrong");
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["type"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }

    /// <summary>Asserts a 200 JSON answer and returns its body.</summary>
    public JsonNode? Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Raw}");
        Assert.Equal("application/json", ContentType);
        return Body;
    }
}
