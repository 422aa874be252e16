using System.Diagnostics;
using Actors.Grains.History;

namespace Actors.Bench;

/// <summary>
/// S9, the history lifecycle (issue #13): append latency with and without compaction jobs archiving at the same time,
/// and what a read of an archived version costs next to one of a hot version. The runtime in this process on its own
/// PostgreSQL database, with an archive directory in the temporary folder.
/// </summary>
public static class HistoryScenario
{
    private const string Database = "actors_bench_history";
    private const int Writers = 16;

    public static async Task RunS9Async(Postgres postgres, Size size, Report report, CancellationToken cancellationToken)
    {
        var quick = size.Name == "quick";
        var (actors, setsEach, phase, reads) = quick ? (200, 30, TimeSpan.FromSeconds(6), 100) : (1_000, 60, TimeSpan.FromSeconds(20), 1_000);
        Console.Error.WriteLine($"bench: S9 history lifecycle ({actors} skus × {setsEach} sets; appends for {phase.TotalSeconds} s without, then with compaction)");
        await postgres.RecreateDatabaseAsync(Database, cancellationToken);
        var archive = Path.Combine(Path.GetTempPath(), $"actors-bench-archive-{Guid.NewGuid():N}");
        try
        {
            await using var host = await RuntimeHost.StartAsync(
                postgres.ConnectionString(Database), cancellationToken, new Dictionary<string, string?> { ["Actors:History:ArchivePath"] = archive });
            await host.CreateSkusAsync("h-", actors, Writers, cancellationToken);
            var adjust = RuntimeHost.Message("adjustStock", """{"delta":1}""");
            await Parallel.ForAsync(0, actors, new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                for (var n = 1; n < setsEach; n++)
                {
                    await host.SendAsync($"h-{i}", false, ct, adjust);
                }
            });

            var without = await AppendForAsync(host, actors, adjust, phase, cancellationToken);

            // The same load while compaction jobs archive everything older than a second, one after the other.
            using var stop = new CancellationTokenSource();
            long jobs = 0, archived = 0;
            var compacting = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var job = host.Grains.GetGrain<ICompactionJobGrain>($"compact-{Guid.CreateVersion7():N}");
                    await job.StartAsync(new CompactionJobRequest("sku", DateTimeOffset.UtcNow.AddSeconds(-1), Archive: true, "bench S9", RuntimeHost.Principal), cancellationToken);
                    CompactionJobStatus? status;
                    do
                    {
                        status = await job.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                    }
                    while (status is { Finished: false });

                    jobs++;
                    archived += status?.Sets ?? 0;
                }
            }, cancellationToken);
            var with = await AppendForAsync(host, actors, adjust, phase, cancellationToken);
            await stop.CancelAsync();
            await compacting;

            // Reads: version 2 of each actor is archived now; the one before its newest is hot.
            var archivedReads = new Latencies();
            var hotReads = new Latencies();
            for (var i = 0; i < reads; i++)
            {
                // Each actor's first read of its archived version (its file opened for it), then a hot version of it.
                var id = $"h-{i}";
                var started = Stopwatch.GetTimestamp();
                var old = await host.SendAsync(id, false, cancellationToken, RuntimeHost.Message("getState", """{"version":2}"""));
                archivedReads.AddSince(started);
                started = Stopwatch.GetTimestamp();
                await host.SendAsync(id, false, cancellationToken, RuntimeHost.Message("getState", $$"""{"version":{{old.Version - 1}}}"""));
                hotReads.AddSince(started);
                if (old.HistoryTier != "archive")
                {
                    report.Note($"S9: getState version 2 of {id} came from the {old.HistoryTier} tier, not the archive");
                    break;
                }
            }

            report.Latency("s9.appendWithout", without);
            report.Latency("s9.appendWith", with);
            report.Latency("s9.readArchived", archivedReads);
            report.Latency("s9.readHot", hotReads);
            report.Figure("s9.compactionJobs", jobs, "jobs");
            report.Figure("s9.setsArchived", archived, "sets");
            report.Figure("s9.archiveFiles", Directory.Exists(archive) ? Directory.GetFiles(archive, "*.parquet", SearchOption.AllDirectories).Length : 0, "files");
            report.Reported("S9", "append p99 while compaction archives", with.P99, "ms", without.P99, "without compaction",
                $" ({jobs} jobs, {archived:N0} sets archived; median {Report.Format(with.Median)} vs {Report.Format(without.Median)} ms)");
            report.Reported("S9", "getState of an archived version, median", archivedReads.Median, "ms", hotReads.Median, "hot version",
                $" (p99 {Report.Format(archivedReads.P99)} vs {Report.Format(hotReads.P99)} ms)");
        }
        finally
        {
            if (Directory.Exists(archive))
            {
                Directory.Delete(archive, recursive: true);
            }
        }
    }

    private static async Task<Latencies> AppendForAsync(RuntimeHost host, int actors, Abstractions.Messages.ActorMessage message, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await host.SendAsync($"h-{Random.Shared.Next(actors)}", false, cancellationToken, message);
                latencies.AddSince(started);
            }
        }, cancellationToken)));
        return latencies;
    }
}
