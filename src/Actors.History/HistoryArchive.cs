using System.Collections.Concurrent;
using System.Security.Cryptography;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.History;

/// <summary>
/// The archive tier: immutable Parquet files under one directory (<c>Actors:History:ArchivePath</c>), laid out as
/// <c>&lt;actorType&gt;/&lt;yyyy-MM&gt;/&lt;name&gt;.parquet</c> with a manifest per actor type
/// (<c>&lt;actorType&gt;/manifest.json</c>). A file is written under a temporary name, flushed to disk, renamed, its
/// directory flushed, then read back and compared with what was meant to be in it; only such a file is recorded in the
/// database's archive index, and only what the index holds is ever read. Files never change once written, so what was
/// read of them is kept in memory (a bounded number of row groups and files).
/// </summary>
public sealed class HistoryArchive
{
    private const int CachedGroups = 4096;
    private const int CachedFiles = 64;

    private readonly ConcurrentDictionary<(string File, int RowGroup), ArchivedActor> _groups = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<ArchivedActor>> _files = new();

    /// <summary>An archive rooted at <paramref name="root"/> (created when missing).</summary>
    public HistoryArchive(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Manifest = new ArchiveManifest(Root);
    }

    /// <summary>The archive directory.</summary>
    public string Root { get; }

    /// <summary>The per-type manifests.</summary>
    public ArchiveManifest Manifest { get; }

    /// <summary>
    /// Writes one file of <paramref name="actors"/>' rows (one row group each) durably and verifies it, calling
    /// <paramref name="step"/> after each step; answers the file and the per-actor index entries to record.
    /// </summary>
    public async Task<(ArchiveFile File, IReadOnlyList<ArchiveIndexEntry> Entries)> WriteAsync(
        string actorType, string period, string name, IReadOnlyList<ArchivedActor> actors, DateTimeOffset now,
        Func<CompactionStep, Task> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(step);
        var relative = $"{actorType}/{period}/{name}.parquet";
        var path = FullPath(relative);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await ArchiveFileFormat.WriteAsync(stream, actorType, actors, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            await step(CompactionStep.Written);
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }

        FileSync.Directory(directory);
        await step(CompactionStep.Renamed);

        // Read back what the disk has, and compare it with what was meant to be there, before anything relies on it.
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var read = await ArchiveFileFormat.ReadAllAsync(new MemoryStream(bytes, writable: false), actorType, cancellationToken);
        Verify(relative, actors, read);
        await step(CompactionStep.Verified);

        var sets = actors.SelectMany(a => a.Sets).ToList();
        var last = sets.MaxBy(s => s.Set.GlobalVersion)!;
        var file = new ArchiveFile(
            relative, actorType, period, sets.Count, actors.Sum(a => a.Snapshots.Count),
            sets.Min(s => s.Set.Timestamp), sets.Max(s => s.Set.Timestamp), last.Set.GlobalVersion, last.Cursor,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), Microseconds.Truncate(now));
        var entries = actors
            .Select((a, i) => new ArchiveIndexEntry(a.Actor, a.Sets.Min(s => s.Set.Version), a.Sets.Max(s => s.Set.Version), relative, i))
            .ToList();
        return (file, entries);
    }

    /// <summary>The actor's rows that one index entry points at.</summary>
    public async Task<ArchivedActor> ReadAsync(ArchiveIndexEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_groups.TryGetValue((entry.File, entry.RowGroup), out var cached))
        {
            return cached;
        }

        ArchivedActor group;
        try
        {
            await using var stream = new FileStream(FullPath(entry.File), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            group = await ArchiveFileFormat.ReadRowGroupAsync(stream, entry.RowGroup, entry.Actor.Type, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"The archive file {entry.File} cannot be read.", e);
        }

        if (group.Actor != entry.Actor)
        {
            throw new InvalidDataException($"Row group {entry.RowGroup} of {entry.File} holds {group.Actor}, not {entry.Actor}.");
        }

        Remember(_groups, (entry.File, entry.RowGroup), group, CachedGroups);
        return group;
    }

    /// <summary>Every actor's rows in one file.</summary>
    public async Task<IReadOnlyList<ArchivedActor>> ReadFileAsync(ArchiveFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_files.TryGetValue(file.Path, out var cached))
        {
            return cached;
        }

        IReadOnlyList<ArchivedActor> actors;
        try
        {
            await using var stream = new FileStream(FullPath(file.Path), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            actors = await ArchiveFileFormat.ReadAllAsync(stream, file.ActorType, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"The archive file {file.Path} cannot be read.", e);
        }

        Remember(_files, file.Path, actors, CachedFiles);
        return actors;
    }

    private string FullPath(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{relative}' is not inside the archive.", nameof(relative));
    }

    private static void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value, int capacity)
        where TKey : notnull
    {
        if (cache.Count >= capacity)
        {
            // Immutable files: forgetting is always safe; a simple bound is enough for a cold tier.
            cache.Clear();
        }

        cache[key] = value;
    }

    private static void Verify(string file, IReadOnlyList<ArchivedActor> expected, IReadOnlyList<ArchivedActor> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new InvalidDataException($"{file} read back with {actual.Count} row groups instead of {expected.Count}.");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], actual[i]);
            var same = want.Actor == got.Actor
                && want.Sets.Count == got.Sets.Count
                && want.Snapshots.Count == got.Snapshots.Count
                && want.Sets.Zip(got.Sets).All(p => p.First.Cursor == p.Second.Cursor && SameSet(p.First.Set, p.Second.Set))
                && want.Snapshots.Zip(got.Snapshots).All(p => p.First.Version == p.Second.Version && p.First.State == p.Second.State);
            if (!same)
            {
                throw new InvalidDataException($"{file} read back differently from what was written for {want.Actor}.");
            }
        }
    }

    private static bool SameSet(MutationSetRecord a, MutationSetRecord b) =>
        a.Version == b.Version && a.CheckpointId == b.CheckpointId && Microseconds.Truncate(a.Timestamp) == b.Timestamp
        && a.Principal == b.Principal && a.Operation == b.Operation && a.Events == b.Events && a.Metadata == b.Metadata
        && a.Reason == b.Reason && a.GlobalVersion == b.GlobalVersion;
}
