using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Abstractions.Messages;

/// <summary>One message of a batch: its type (<c>addTag</c>) and its body (an object; <c>{}</c> when omitted).</summary>
[GenerateSerializer, Immutable]
public sealed record ActorMessage(string Type, JsonElement Body)
{
    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// The body as a typed command record, when a .NET caller built it; the actor then uses it as it is instead of
    /// reading <see cref="Body"/>, which still holds its JSON for the checkpoint's metadata.
    /// </summary>
    [Id(2)]
    public object? Command { get; init; }

    /// <summary>A message with an empty body.</summary>
    public static ActorMessage Of(string type) => new(type, EmptyBody);

    /// <summary>A message whose body is a typed command record.</summary>
    public static ActorMessage Of<TCommand>(string type, TCommand command, JsonTypeInfo<TCommand> typeInfo)
        where TCommand : notnull =>
        new(type, JsonSerializer.SerializeToElement(command, typeInfo)) { Command = command };
}
