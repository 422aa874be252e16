using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Abstractions;

namespace Actors.Grains;

/// <summary>What one turn collects while its messages run: the mutating messages and what kind of checkpoint they make.</summary>
internal sealed class BatchTurn<TState>(BatchRequest request, Guid checkpointId, DateTimeOffset now, CommandTurn<TState> commands)
    where TState : EntityState
{
    private readonly JsonArray _commands = [];
    private JsonObject? _rewind;
    private JsonObject? _erase;
    private bool _deleted;
    private bool _undeleted;

    public BatchRequest Request { get; } = request;

    public Guid CheckpointId { get; } = checkpointId;

    /// <summary>When the batch runs.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The state the batch's commands are decided against, and the events they raised.</summary>
    public CommandTurn<TState> Commands { get; } = commands;

    /// <summary>Each message's result, in order.</summary>
    public List<MessageResult> Results { get; } = new(request.Messages.Count);

    public string? Reason { get; private set; }

    /// <summary>The last rewind's target (<c>checkpointId</c>, <c>version</c>, <c>timestamp</c>), or null.</summary>
    public JsonObject? RewindTarget => _rewind;

    /// <summary>What the batch erases (<c>fields</c>), or null.</summary>
    public JsonObject? EraseTarget => _erase;

    /// <summary>True when the batch erases the actor's personal data (then it changes nothing else).</summary>
    public bool Erases => _erase is not null;

    /// <summary>True when a message of the batch changed something so far.</summary>
    public bool HasCommands => _commands.Count > 0;

    /// <summary>Records a message that mutates, as <c>{ "type", ...body }</c> for the checkpoint's metadata.</summary>
    public void AddCommand(ActorMessage message)
    {
        var command = new JsonObject { ["type"] = message.Type };
        foreach (var property in message.Body.EnumerateObject())
        {
            command[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        _commands.Add(command);
        _deleted |= message.Type == "delete";
        _undeleted |= message.Type == "undelete";
    }

    public void AddRewind(MutationSetRecord target, string? reason)
    {
        _rewind = new JsonObject
        {
            ["checkpointId"] = target.CheckpointId.ToString(),
            ["version"] = target.Version,
            ["timestamp"] = Timestamps.Format(target.Timestamp),
        };
        Reason = reason ?? Reason;
    }

    /// <summary>Records an erasure of <paramref name="fields"/>: the checkpoint is an ERASE, with its reason and fields in the metadata.</summary>
    public void AddErase(string reason, IReadOnlyList<string> fields)
    {
        _erase = new JsonObject { ["fields"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]) };
        Reason = reason;
    }

    /// <summary>CREATE, ERASE, REWIND, DELETE, UNDELETE or UPDATE: what the checkpoint did, for history.</summary>
    public string Operation(long versionBefore) =>
        _erase is not null ? "ERASE"
        : _rewind is not null ? "REWIND"
        : versionBefore == 0 ? "CREATE"
        : _deleted ? "DELETE"
        : _undeleted ? "UNDELETE"
        : "UPDATE";

    public string Metadata()
    {
        var metadata = new JsonObject { ["commands"] = _commands.DeepClone() };
        if (_rewind is not null)
        {
            metadata["rewind"] = _rewind.DeepClone();
        }

        if (_erase is not null)
        {
            metadata["erase"] = _erase.DeepClone();
        }

        return metadata.ToJsonString();
    }

    public static string EncodeResults(IEnumerable<MessageResult> results)
    {
        var array = new JsonArray();
        foreach (var result in results)
        {
            array.Add(new JsonObject { ["type"] = result.Type, ["result"] = result.Result?.DeepClone() });
        }

        return array.ToJsonString(new JsonSerializerOptions());
    }
}
