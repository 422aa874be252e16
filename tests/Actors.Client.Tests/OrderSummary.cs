using System.Text.Json.Serialization;

namespace Actors.Client.Tests;

/// <summary>A typed view of an order query, as an application would declare it.</summary>
public sealed record OrderSummary(string OrderId, string OrderState, decimal Total, IReadOnlyList<string> Tags);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderSummary))]
public sealed partial class TestJsonContext : JsonSerializerContext;
