using System.Text.Json.Serialization;
using Actors.Grains.Events;
using Actors.Grains.Messages;

namespace Actors.Grains;

/// <summary>Source-generated JSON for the messages, results and events every actor type shares.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(TagBody))]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(PageBody))]
[JsonSerializable(typeof(QueryBody))]
[JsonSerializable(typeof(RewindBody))]
[JsonSerializable(typeof(EraseBody))]
[JsonSerializable(typeof(StatePointBody))]
[JsonSerializable(typeof(HistoryBody))]
[JsonSerializable(typeof(DiffBody))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(RewindResult))]
[JsonSerializable(typeof(EraseResult))]
[JsonSerializable(typeof(List<CheckpointInfo>))]
[JsonSerializable(typeof(List<ActivityEntry>))]
[JsonSerializable(typeof(TagAdded))]
[JsonSerializable(typeof(TagRemoved))]
[JsonSerializable(typeof(ActorDeleted))]
[JsonSerializable(typeof(ActorUndeleted))]
[JsonSerializable(typeof(StateRestored))]
[JsonSerializable(typeof(PersonalDataErased))]
public sealed partial class MessagesJsonContext : JsonSerializerContext;
