using System.Text.Json;

namespace Actors.Grains.Messages;

/// <summary>Body of <c>diff</c>: two points, each a checkpoint id (string), a version (number) or a timestamp (string).</summary>
[GenerateSerializer, Immutable]
public sealed record DiffBody(JsonElement? From, JsonElement? To);
