using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>The bearer token is missing or not recognised (401). Over HTTP only: a client through Orleans has no token, it acts as the principal it was created with.</summary>
public sealed class ActorUnauthorizedException(JsonObject problem) : ActorRequestException(401, problem);
