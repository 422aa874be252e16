using System.Text.Json.Nodes;

namespace Actors.Storage.Tests;

/// <summary>
/// Compares JSON by meaning. PostgreSQL's jsonb reorders keys and drops whitespace, so the text read back
/// may differ from the text written while saying the same thing.
/// </summary>
internal static class JsonAssert
{
    public static void Equivalent(string expected, string actual)
    {
        var same = JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.True(same, $"JSON differs.\nExpected: {expected}\nActual:   {actual}");
    }
}
