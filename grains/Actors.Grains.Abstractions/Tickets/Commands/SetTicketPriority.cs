using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>setPriority</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetTicketPriority([property: JsonRequired] string Priority);
