using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>create</c>: <c>title</c> is required, <c>priority</c> defaults to normal.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateTicket([property: JsonRequired] string Title, string? Priority);
