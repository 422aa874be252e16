using System.Text.Json.Serialization.Metadata;

namespace Actors.Grains;

/// <summary>A message an actor type accepts: its name, the permission it needs and the shape of its body.</summary>
public sealed record MessageDescriptor(string Type, MessageKind Kind, JsonTypeInfo BodyType);
