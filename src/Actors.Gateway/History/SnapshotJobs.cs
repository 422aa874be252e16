using Actors.Grains;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Actors.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.History;

/// <summary>
/// Compliance snapshots: every actor of a type as of a time, written to an NDJSON file by a background job
/// that pages through the actors. Each job's status lives in a file beside its data, so it outlives a restart;
/// a job a restart interrupted runs again from the start.
/// </summary>
public sealed class SnapshotJobs(AsOfReader reader, TimeProvider time, IOptions<SnapshotOptions> options, ILogger<SnapshotJobs> logger)
    : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, JsonObject> _statuses = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new();
    private readonly string _folder = Path.GetFullPath(options.Value.Path);

    /// <summary>Queues a snapshot of every <paramref name="actorType"/> as of <paramref name="at"/>; answers its status.</summary>
    public JsonObject Start(string actorType, DateTimeOffset at, string? reason, string principal)
    {
        var id = $"snap-{Guid.CreateVersion7():N}";
        var status = new JsonObject
        {
            ["snapshotId"] = id,
            ["status"] = "pending",
            ["actorType"] = actorType,
            ["at"] = Timestamps.Format(at),
            ["reason"] = reason,
            ["principal"] = principal,
            ["createdAt"] = Timestamps.Format(time.GetUtcNow()),
            ["completedAt"] = null,
            ["count"] = 0,
            ["error"] = null,
        };
        Save(status);
        _queue.Writer.TryWrite(id);
        return status;
    }

    /// <summary>The status of snapshot <paramref name="id"/>, or null when there is no such snapshot.</summary>
    public JsonObject? Find(string id)
    {
        if (!IsId(id))
        {
            return null;
        }

        if (_statuses.TryGetValue(id, out var status))
        {
            return (JsonObject)status.DeepClone();
        }

        var file = StatusFile(id);
        return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))!.AsObject() : null;
    }

    /// <summary>Completes when snapshot <paramref name="id"/> has completed or failed (at once if it already has).</summary>
    public Task FinishedAsync(string id)
    {
        var finished = _finished.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if ((string?)Find(id)?["status"] is not ("pending" or "running"))
        {
            finished.TrySetResult();
        }

        return finished.Task;
    }

    /// <summary>The data file of a completed snapshot.</summary>
    public string DataFile(string id) => Path.Combine(_folder, $"{id}.ndjson");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.EnumerateFiles(_folder, "snap-*.json"))
        {
            var status = JsonNode.Parse(await File.ReadAllTextAsync(file, stoppingToken))!.AsObject();
            if ((string?)status["status"] is "pending" or "running")
            {
                _queue.Writer.TryWrite((string)status["snapshotId"]!);
            }
        }

        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(id, stoppingToken);
        }
    }

    private async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        var status = Find(id)!;
        var type = ActorTypes.All.Find((string)status["actorType"]!)!;
        var point = new AsOfPoint(DateTimeOffset.Parse((string)status["at"]!, CultureInfo.InvariantCulture), null);
        var part = DataFile(id) + ".part";
        status["status"] = "running";
        Save(status);
        try
        {
            var count = 0;
            await using (var writer = new StreamWriter(part, append: false, new UTF8Encoding(false)))
            {
                string? after = null;
                var exhausted = false;
                while (!exhausted)
                {
                    (var states, after, exhausted) = await reader.ReadPageAsync(type, point, new Dictionary<string, string>(), after, options.Value.PageSize, cancellationToken);
                    foreach (var state in states)
                    {
                        await writer.WriteLineAsync(state.ToJsonString().AsMemory(), cancellationToken);
                    }

                    count += states.Count;
                    status["count"] = count;
                    _statuses[id] = status;
                }
            }

            File.Move(part, DataFile(id), overwrite: true);
            status["status"] = "completed";
            status["completedAt"] = Timestamps.Format(time.GetUtcNow());
            Save(status);
            Finish(id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Snapshot {SnapshotId} failed", id);
            status["status"] = "failed";
            status["error"] = e.Message;
            Save(status);
            Finish(id);
        }
    }

    private void Finish(string id) => _finished.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void Save(JsonObject status)
    {
        Directory.CreateDirectory(_folder);
        var id = (string)status["snapshotId"]!;
        _statuses[id] = status;
        var file = StatusFile(id);
        File.WriteAllText(file + ".tmp", status.ToJsonString());
        File.Move(file + ".tmp", file, overwrite: true);
    }

    private string StatusFile(string id) => Path.Combine(_folder, $"{id}.json");

    /// <summary>Only ids this class made: they name files, so nothing else may reach the file system.</summary>
    private static bool IsId(string id) =>
        id.StartsWith("snap-", StringComparison.Ordinal) && id.Length == 37 && id[5..].All(char.IsAsciiHexDigitLower);
}
