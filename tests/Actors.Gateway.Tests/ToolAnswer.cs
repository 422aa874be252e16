using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>A tool's answer: an error or not, its text and that text as JSON.</summary>
public sealed record ToolAnswer(bool IsError, string Text, JsonNode? Json)
{
    /// <summary>Asserts a successful answer and returns its JSON.</summary>
    public JsonNode? Ok()
    {
        Assert.False(IsError, $"Expected a result, got a tool error: {Text}");
        return Json;
    }

    /// <summary>Asserts a tool error carrying a problem with <paramref name="status"/>, and returns the problem.</summary>
    public JsonObject Problem(int status)
    {
        Assert.True(IsError, $"Expected a tool error with status {status}, got a result: {Text}");
        var problem = Json!.AsObject();
        Assert.Equal(status, (int)problem["status"]!);
        Assert.StartsWith("urn:actors:problem:", (string?)problem["type"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), "a problem must say what is wrong");
        return problem;
    }
}
