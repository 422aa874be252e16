using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>assign</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record AssignTicket([property: JsonRequired] string Assignee);
