using System.Text.Json.Nodes;

namespace Actors.Grains.Tests;

/// <summary>JSON comparisons that show both sides when they differ.</summary>
internal static class AssertJson
{
    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"JSON differs.\nExpected: {expected?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");

    public static void Equal(string expected, JsonNode? actual) => Equal(JsonNode.Parse(expected), actual);

    /// <summary>Money compared as numbers: <c>25.0</c> and <c>25</c> are the same amount.</summary>
    public static void Amount(decimal expected, JsonNode? actual) => Assert.Equal(expected, actual!.GetValue<decimal>());
}
