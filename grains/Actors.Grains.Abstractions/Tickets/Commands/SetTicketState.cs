using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>setTicketState</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetTicketState([property: JsonRequired] string TicketState);
