using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>The bearer token is missing or not recognised (401). Over HTTP only: the in-process client has no token.</summary>
public sealed class ActorUnauthorizedException(JsonObject problem) : ActorRequestException(401, problem);
