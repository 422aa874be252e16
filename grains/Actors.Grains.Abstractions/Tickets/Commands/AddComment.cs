using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>addComment</c>; the author is the batch's principal.</summary>
[GenerateSerializer, Immutable]
public sealed record AddComment([property: JsonRequired] string Text);
