using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>The result of one message of a batch.</summary>
/// <param name="Type">The message's type.</param>
/// <param name="Result">What it answered, as JSON (null for <c>getState</c> before the actor existed).</param>
public sealed record MessageResponse(string Type, JsonNode? Result);
