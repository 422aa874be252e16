using System.Text.Json.Nodes;
using Actors.Abstractions.Messages;

namespace Actors.Grains;

/// <summary>What a batch would do, run in preview mode: nothing of it was persisted.</summary>
/// <param name="Results">Each message's result, in order.</param>
/// <param name="State">The state the batch would leave (null when the actor would not exist).</param>
/// <param name="Version">The version the batch would reach: one more than now when it mutates.</param>
/// <param name="Changes">The changes it would make, as <c>getPendingChanges</c> lists them.</param>
[GenerateSerializer, Immutable]
public sealed record PreviewResult<TState>(IReadOnlyList<MessageResult> Results, TState? State, long Version, JsonArray Changes)
    where TState : EntityState;
