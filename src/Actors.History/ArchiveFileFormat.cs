using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Parquet;
using Parquet.Schema;

namespace Actors.History;

/// <summary>
/// The layout of one archive file: one row group per actor, in it one row per mutation set (<c>kind = set</c>) and one
/// per snapshot (<c>kind = snapshot</c>), ascending by version. Event, metadata and state text is stored exactly as the
/// journal held it (never decoded or re-encoded, so what was ciphertext stays ciphertext).
/// </summary>
internal static class ArchiveFileFormat
{
    public const string SetKind = "set";
    public const string SnapshotKind = "snapshot";

    /// <summary>The format's name and version, in the file's key-value metadata.</summary>
    public const string FormatKey = "actors.archive";
    public const string FormatValue = "1";

    private static readonly DataField<string> Kind = new("kind");
    private static readonly DataField<string> ActorId = new("actor_id");
    private static readonly DataField<long> Version = new("version");
    private static readonly DataField<string> CheckpointId = new("checkpoint_id", true);
    private static readonly DataField<long> Timestamp = new("ts");
    private static readonly DataField<long> GlobalVersion = new("global_version");
    private static readonly DataField<string> Cursor = new("cursor", true);
    private static readonly DataField<string> Principal = new("principal", true);
    private static readonly DataField<string> Operation = new("operation", true);
    private static readonly DataField<string> Metadata = new("metadata", true);
    private static readonly DataField<string> Reason = new("reason", true);
    private static readonly DataField<string> Events = new("events", true);
    private static readonly DataField<string> State = new("state", true);

    private static readonly ParquetSchema Schema = new(
        Kind, ActorId, Version, CheckpointId, Timestamp, GlobalVersion, Cursor, Principal, Operation, Metadata, Reason, Events, State);

    /// <summary>Writes the actors' rows to <paramref name="stream"/>, one row group each, in the order given.</summary>
    public static async Task WriteAsync(Stream stream, string actorType, IReadOnlyList<ArchivedActor> actors, CancellationToken cancellationToken)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string> { [FormatKey] = FormatValue, ["actor_type"] = actorType };
        foreach (var actor in actors)
        {
            var rows = Rows(actor);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(Kind, rows.Select(r => r.Kind).ToArray());
            await group.WriteAsync(ActorId, rows.Select(_ => actor.Actor.Id).ToArray());
            await group.WriteAsync(Version, new ReadOnlyMemory<long>(rows.Select(r => r.Version).ToArray()), cancellationToken: cancellationToken);
            await group.WriteAsync(CheckpointId, rows.Select(r => r.Set?.Set.CheckpointId.ToString()).ToArray()!);
            await group.WriteAsync(Timestamp, new ReadOnlyMemory<long>(rows.Select(r => r.Set is { } s ? Microseconds.FromTimestamp(s.Set.Timestamp) : 0L).ToArray()), cancellationToken: cancellationToken);
            await group.WriteAsync(GlobalVersion, new ReadOnlyMemory<long>(rows.Select(r => r.Set?.Set.GlobalVersion ?? 0L).ToArray()), cancellationToken: cancellationToken);
            await group.WriteAsync(Cursor, rows.Select(r => r.Set?.Cursor).ToArray()!);
            await group.WriteAsync(Principal, rows.Select(r => r.Set?.Set.Principal).ToArray()!);
            await group.WriteAsync(Operation, rows.Select(r => r.Set?.Set.Operation).ToArray()!);
            await group.WriteAsync(Metadata, rows.Select(r => r.Set?.Set.Metadata).ToArray()!);
            await group.WriteAsync(Reason, rows.Select(r => r.Set?.Set.Reason).ToArray()!);
            await group.WriteAsync(Events, rows.Select(r => r.Set?.Set.Events).ToArray()!);
            await group.WriteAsync(State, rows.Select(r => r.Snapshot?.State).ToArray()!);
        }
    }

    /// <summary>The number of row groups and the format version of a file, from its footer.</summary>
    public static async Task<int> ReadRowGroupCountAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        if (!reader.CustomMetadata.TryGetValue(FormatKey, out var format) || format != FormatValue)
        {
            throw new InvalidDataException($"Not an actors archive file of format {FormatValue}.");
        }

        return reader.RowGroupCount;
    }

    /// <summary>Every row group of a file, each as the actor's sets and snapshots.</summary>
    public static async Task<IReadOnlyList<ArchivedActor>> ReadAllAsync(Stream stream, string actorType, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        var actors = new List<ArchivedActor>(reader.RowGroupCount);
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            actors.Add(await ReadGroupAsync(reader, i, actorType, cancellationToken));
        }

        return actors;
    }

    /// <summary>One row group: one actor's sets and snapshots.</summary>
    public static async Task<ArchivedActor> ReadRowGroupAsync(Stream stream, int rowGroup, string actorType, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        return await ReadGroupAsync(reader, rowGroup, actorType, cancellationToken);
    }

    private static async Task<ArchivedActor> ReadGroupAsync(ParquetReader reader, int rowGroup, string actorType, CancellationToken cancellationToken)
    {
        using var group = reader.OpenRowGroupReader(rowGroup);
        var count = checked((int)group.RowCount);
        var kinds = await ReadTextAsync(group, Kind, count, cancellationToken);
        var ids = await ReadTextAsync(group, ActorId, count, cancellationToken);
        var versions = await ReadNumbersAsync(group, Version, count, cancellationToken);
        var checkpoints = await ReadTextAsync(group, CheckpointId, count, cancellationToken);
        var timestamps = await ReadNumbersAsync(group, Timestamp, count, cancellationToken);
        var globalVersions = await ReadNumbersAsync(group, GlobalVersion, count, cancellationToken);
        var cursors = await ReadTextAsync(group, Cursor, count, cancellationToken);
        var principals = await ReadTextAsync(group, Principal, count, cancellationToken);
        var operations = await ReadTextAsync(group, Operation, count, cancellationToken);
        var metadata = await ReadTextAsync(group, Metadata, count, cancellationToken);
        var reasons = await ReadTextAsync(group, Reason, count, cancellationToken);
        var events = await ReadTextAsync(group, Events, count, cancellationToken);
        var states = await ReadTextAsync(group, State, count, cancellationToken);

        var actor = new ActorKey(actorType, count > 0 ? ids[0]! : "");
        var sets = new List<ArchivedSet>();
        var snapshots = new List<SnapshotRecord>();
        for (var i = 0; i < count; i++)
        {
            if (kinds[i] == SnapshotKind)
            {
                snapshots.Add(new SnapshotRecord(actor, versions[i], states[i]!));
                continue;
            }

            var set = new MutationSetRecord(
                actor, versions[i], Guid.Parse(checkpoints[i]!), Microseconds.ToTimestamp(timestamps[i]), principals[i]!, operations[i]!,
                events[i]!, metadata[i]!, reasons[i], globalVersions[i]);
            sets.Add(new ArchivedSet(set, cursors[i]!));
        }

        return new ArchivedActor(actor, sets, snapshots);
    }

    private static async Task<string?[]> ReadTextAsync(ParquetRowGroupReader group, DataField<string> field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    private static async Task<long[]> ReadNumbersAsync(ParquetRowGroupReader group, DataField<long> field, int count, CancellationToken cancellationToken)
    {
        var values = new long[count];
        await group.ReadAsync<long>(field, values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    /// <summary>The actor's rows, ascending by version; a snapshot row after the set of the same version.</summary>
    private static List<(string Kind, long Version, ArchivedSet? Set, SnapshotRecord? Snapshot)> Rows(ArchivedActor actor) =>
        [.. actor.Sets.Select(s => (SetKind, s.Set.Version, (ArchivedSet?)s, (SnapshotRecord?)null))
            .Concat(actor.Snapshots.Select(s => (SnapshotKind, s.Version, (ArchivedSet?)null, (SnapshotRecord?)s)))
            .OrderBy(r => r.Item2)
            .ThenBy(r => r.Item1 == SnapshotKind ? 1 : 0)];
}

/// <summary>One actor's rows in an archive file: mutation sets and snapshots, ascending.</summary>
public sealed record ArchivedActor(ActorKey Actor, IReadOnlyList<ArchivedSet> Sets, IReadOnlyList<SnapshotRecord> Snapshots);
