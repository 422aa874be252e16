using System.Text.Json.Nodes;

namespace Actors.Grains.Events;

/// <summary>
/// A rewind: the fields in <paramref name="Changes"/> took the values they had at the target checkpoint.
/// Only the difference is stored, so history stays append-only and a rewind can itself be rewound.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StateRestored(long TargetVersion, Guid TargetCheckpointId, JsonObject Changes) : IActorEvent;
