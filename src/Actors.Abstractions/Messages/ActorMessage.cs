using System.Text.Json;

namespace Actors.Abstractions.Messages;

/// <summary>One message of a batch: its type (<c>addTag</c>) and its body (an object; <c>{}</c> when omitted).</summary>
public sealed record ActorMessage(string Type, JsonElement Body)
{
    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>A message with an empty body.</summary>
    public static ActorMessage Of(string type) => new(type, EmptyBody);
}
