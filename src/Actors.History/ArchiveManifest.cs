using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.History;

/// <summary>
/// One manifest per actor type (<c>&lt;root&gt;/&lt;actorType&gt;/manifest.json</c>): every archive file that was written,
/// flushed and verified, with its period, counts, time range and SHA-256, so the archive can be checked and understood
/// without the database. Updated by writing a new manifest under a temporary name and renaming it, under an exclusive
/// lock file shared by every process (silos of a cluster share the archive directory). A file is listed before the
/// database records it; a file listed but never recorded (a job stopped in between) is never read.
/// </summary>
public sealed class ArchiveManifest(string root)
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The manifest file of an actor type.</summary>
    public string PathOf(string actorType) => System.IO.Path.Combine(root, actorType, "manifest.json");

    /// <summary>Adds <paramref name="file"/> to its type's manifest, unless it is listed already.</summary>
    public async Task AddAsync(ArchiveFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = PathOf(file.ActorType);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await InProcess.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await LockAsync(path + ".lock", cancellationToken);
            var manifest = await ReadAsync(path, file.ActorType, cancellationToken);
            var files = manifest["files"]!.AsArray();
            if (files.Any(f => (string?)f?["path"] == file.Path))
            {
                return;
            }

            files.Add(new JsonObject
            {
                ["path"] = file.Path,
                ["period"] = file.Period,
                ["sets"] = file.Sets,
                ["snapshots"] = file.Snapshots,
                ["minTimestamp"] = Timestamps.Format(file.MinTimestamp),
                ["maxTimestamp"] = Timestamps.Format(file.MaxTimestamp),
                ["maxGlobalVersion"] = file.MaxGlobalVersion,
                ["sha256"] = file.Sha256,
                ["createdAt"] = Timestamps.Format(file.CreatedAt),
            });
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(Indented)), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            FileSync.Directory(System.IO.Path.GetDirectoryName(path)!);
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>The paths an actor type's manifest lists.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string actorType, CancellationToken cancellationToken)
    {
        var manifest = await ReadAsync(PathOf(actorType), actorType, cancellationToken);
        return [.. manifest["files"]!.AsArray().Select(f => (string)f!["path"]!)];
    }

    private static async Task<JsonObject> ReadAsync(string path, string actorType, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new JsonObject { ["actorType"] = actorType, ["format"] = ArchiveFileFormat.FormatValue, ["files"] = new JsonArray() };
        }

        await using var stream = File.OpenRead(path);
        return (await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken))!.AsObject();
    }

    /// <summary>Holds <paramref name="path"/> open exclusively; another process waits (briefly retrying) until it is closed.</summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(LockTimeout);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                // Another silo is updating this manifest; it takes milliseconds.
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
        }
    }
}
