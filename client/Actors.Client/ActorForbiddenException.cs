using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>A message of the batch needs a permission the caller lacks (403); <see cref="Permission"/> names it.</summary>
public sealed class ActorForbiddenException(JsonObject problem) : ActorRequestException(403, problem)
{
    /// <summary>The missing permission, e.g. <c>actors/order:rewind</c>.</summary>
    public string? Permission => (string?)Problem["permission"];
}
