using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using Actors.Grains.Events;
using Actors.Grains.Messages;
using Actors.Abstractions;
using Actors.Grains;

namespace Actors.Grains;

/// <summary>
/// Everything the grains, the gateway and the clients know about one actor type: its URL name, messages, events,
/// fields and edges. Built once per type and shared by all its activations.
/// </summary>
public sealed class ActorTypeDescriptor
{
    private ActorTypeDescriptor(Builder builder)
    {
        Name = builder.Name;
        IdField = builder.IdField;
        StateType = builder.StateType;
        Codec = builder.Codec;
        Messages = builder.Messages.ToFrozenDictionary(StringComparer.Ordinal);
        Edges = builder.Edges.ToFrozenDictionary(StringComparer.Ordinal);
        PersonalFields = builder.PersonalFields.ToFrozenSet(StringComparer.Ordinal);
        StateFields = [.. StateType.Properties.Select(p => p.Name)];
        ScalarFields = [.. StateFields.Where(f => !Edges.ContainsKey(f)), VersionField];
    }

    /// <summary>The field every query answer carries beside the state: the number of checkpoints.</summary>
    public const string VersionField = "version";

    /// <summary>The type as it appears in URLs and permissions: <c>order</c>.</summary>
    public string Name { get; }

    /// <summary>The prefix of this type's stored event names: <c>Order</c> in <c>Order.TagAdded</c>.</summary>
    public string EventPrefix => Codec.Prefix;

    /// <summary>Every stored event name of this type, e.g. <c>Order.TagAdded</c>.</summary>
    public IReadOnlyCollection<string> EventTypes => Codec.Names;

    /// <summary>The state's id field: <c>orderId</c>.</summary>
    public string IdField { get; }

    /// <summary>Every message this type accepts, built-in ones included.</summary>
    public IReadOnlyDictionary<string, MessageDescriptor> Messages { get; }

    /// <summary>The state's edges, for <c>navigate</c>.</summary>
    public IReadOnlyDictionary<string, EdgeDescriptor> Edges { get; }

    /// <summary>
    /// The personal fields: stored sealed with the actor's data key, erased by <c>erase</c>, and masked unless the caller
    /// has <c>actors/&lt;type&gt;:pii</c>.
    /// </summary>
    public IReadOnlySet<string> PersonalFields { get; }

    /// <summary>Fields masked unless the caller has <c>actors/&lt;type&gt;:pii</c>: the personal fields.</summary>
    public IReadOnlySet<string> SensitiveFields => PersonalFields;

    /// <summary>Every field of the stored state, edges included.</summary>
    public IReadOnlyList<string> StateFields { get; }

    /// <summary>The fields a query without <c>fields</c> answers: every non-edge field and <c>version</c>.</summary>
    public IReadOnlyList<string> ScalarFields { get; }

    /// <summary>The JSON metadata of the state record (for schemas; the answers add <see cref="VersionField"/>).</summary>
    public JsonTypeInfo StateType { get; }

    /// <summary>Names and (de)serializes this type's events for the journal.</summary>
    public EventCodec<IActorEvent> Codec { get; }

    /// <summary>The permission a message needs, or null when this type has no such message.</summary>
    public MessageKind? Classify(string messageType) =>
        Messages.TryGetValue(messageType, out var message) ? message.Kind : null;

    /// <summary>Starts describing an actor type whose state is <typeparamref name="TState"/>.</summary>
    /// <param name="name">URL name, e.g. <c>order</c>.</param>
    /// <param name="eventPrefix">Prefix of stored event names, e.g. <c>Order</c>.</param>
    /// <param name="idField">The state's id field, e.g. <c>orderId</c>.</param>
    /// <param name="state">The state's JSON metadata.</param>
    public static Builder For<TState>(string name, string eventPrefix, string idField, JsonTypeInfo<TState> state)
        where TState : EntityState =>
        new(name, idField, state, new EventCodec<IActorEvent>(eventPrefix));

    /// <summary>Collects the parts of a descriptor.</summary>
    public sealed class Builder
    {
        internal Builder(string name, string idField, JsonTypeInfo state, EventCodec<IActorEvent> codec)
        {
            Name = name;
            IdField = idField;
            StateType = state;
            Codec = codec;
            var json = MessagesJsonContext.Default;
            Message("query", MessageKind.Read, json.QueryBody);
            Message("getCheckpoints", MessageKind.Read, json.PageBody);
            Message("getActivityLog", MessageKind.Read, json.PageBody);
            Message("getState", MessageKind.Read, json.StatePointBody);
            Message("getHistory", MessageKind.Read, json.HistoryBody);
            Message("diff", MessageKind.Read, json.DiffBody);
            Message("getPendingChanges", MessageKind.Read, json.EmptyBody);
            Message("rewind", MessageKind.Rewind, json.RewindBody);
            Message("erase", MessageKind.Erase, json.EraseBody);
            Message("addTag", MessageKind.Write, json.TagBody);
            Message("removeTag", MessageKind.Write, json.TagBody);
            Message("delete", MessageKind.Write, json.EmptyBody);
            Message("undelete", MessageKind.Write, json.EmptyBody);
            codec.Add("TagAdded", json.TagAdded)
                .Add("TagRemoved", json.TagRemoved)
                .Add("Deleted", json.ActorDeleted)
                .Add("Undeleted", json.ActorUndeleted)
                .Add("Restored", json.StateRestored)
                .Add("PersonalDataErased", json.PersonalDataErased);
        }

        internal string Name { get; }

        internal string IdField { get; }

        internal JsonTypeInfo StateType { get; }

        internal EventCodec<IActorEvent> Codec { get; }

        internal Dictionary<string, MessageDescriptor> Messages { get; } = new(StringComparer.Ordinal);

        internal Dictionary<string, EdgeDescriptor> Edges { get; } = new(StringComparer.Ordinal);

        internal HashSet<string> PersonalFields { get; } = new(StringComparer.Ordinal);

        /// <summary>A domain command (needs <c>:write</c>) whose body is <typeparamref name="TBody"/>.</summary>
        public Builder Command<TBody>(string type, JsonTypeInfo<TBody> body) => Message(type, MessageKind.Write, body);

        /// <summary>An event type, stored as <c>Prefix.name</c>.</summary>
        public Builder Event<TEvent>(string name, JsonTypeInfo<TEvent> data)
            where TEvent : IActorEvent
        {
            Codec.Add(name, data);
            return this;
        }

        /// <summary>An edge of the state whose nodes are <typeparamref name="TNode"/>.</summary>
        public Builder Edge<TNode>(string name, JsonTypeInfo<TNode> node)
        {
            Edges.Add(name, new EdgeDescriptor(name, [.. node.Properties.Select(p => p.Name)]));
            return this;
        }

        /// <summary>A personal field: stored sealed, erased by <c>erase</c>, masked unless the caller may see personal data.</summary>
        public Builder Personal(string field)
        {
            PersonalFields.Add(field);
            return this;
        }

        /// <summary>The finished descriptor.</summary>
        public ActorTypeDescriptor Build()
        {
            if (!Messages.ContainsKey("create"))
            {
                throw new InvalidOperationException($"Actor type '{Name}' has no create command.");
            }

            var unknown = PersonalFields.Where(f => !StateType.Properties.Any(p => p.Name == f)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"Actor type '{Name}' has no field {string.Join(", ", unknown)} to make personal.");
            }

            return new ActorTypeDescriptor(this);
        }

        private Builder Message(string type, MessageKind kind, JsonTypeInfo body)
        {
            Messages.Add(type, new MessageDescriptor(type, kind, body));
            return this;
        }
    }
}
