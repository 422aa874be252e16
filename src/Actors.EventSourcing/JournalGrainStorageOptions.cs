using System.Text.Json;

namespace Actors.EventSourcing;

/// <summary>How a <see cref="JournalGrainStorage"/> provider writes grain state: as JSON, with these serializer options.</summary>
public sealed class JournalGrainStorageOptions
{
    /// <summary>
    /// The options states are (de)serialized with. Add the source-generated contexts of the state types to its
    /// <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; } = new(JsonSerializerDefaults.Web);
}
