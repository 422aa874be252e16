using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Actors.Abstractions.Messages;
using Actors.Grains;
using Actors.Grains.Skus;
using Actors.Grains.Skus.Commands;
using Npgsql;

namespace Actors.Bench;

/// <summary>S2, S4, S5 and S6: the runtime in this process on the PostgreSQL journal.</summary>
public static class InProcessScenarios
{
    /// <summary>Concurrent callers of S2.</summary>
    public const int Tasks = 64;

    /// <summary>The actor S4 and S5 use.</summary>
    public const string HistoryActor = "history-0";

    private static readonly ActorMessage QueryStock = RuntimeHost.Message("query", """{"query":{"fields":["skuId","stock"]}}""");

    /// <summary>S2: as S1, but 64 tasks calling the runtime in this process (the in-process client's path).</summary>
    public static async Task RunS2Async(string connectionString, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: S2 in-process durable writes ({Tasks} tasks, {size.InProcessDuration.TotalSeconds} s; activating {size.Actors:N0} actors first)");
        await using var host = await RuntimeHost.StartAsync(connectionString, cancellationToken);
        await Parallel.ForAsync(0, size.Actors, new ParallelOptions { MaxDegreeOfParallelism = Tasks, CancellationToken = cancellationToken }, async (i, ct) =>
            await host.SendAsync(GatewayScenarios.ActorId(i), false, ct, QueryStock));

        // The typed command, as ActorsClient.InProcess sends it: no JSON parsing on the way in.
        var adjust = ActorMessage.Of("adjustStock", new AdjustStock(1), GrainsJsonContext.Default.AdjustStock);
        await RunLoadAsync(host, size.Actors, adjust, size.WarmUp, new Latencies(), cancellationToken);

        // How many mutation sets each group commit of the store wrote together (its actors.journal.group_size histogram).
        long groups = 0, grouped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "actors.journal.group_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "kind", Value: "append" })
                {
                    Interlocked.Increment(ref groups);
                    Interlocked.Add(ref grouped, size);
                }
            }
        });
        listener.Start();

        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await RunLoadAsync(host, size.Actors, adjust, size.InProcessDuration, latencies, cancellationToken);
        listener.Dispose();
        report.Figure("s2.batchesPerSecond", latencies.Count / watch.Elapsed.TotalSeconds, "batches/s");
        report.Figure("s2.meanGroupSize", groups == 0 ? 0 : (double)grouped / groups, "sets per commit");
        report.Latency("s2", latencies);
    }

    /// <summary><see cref="Tasks"/> callers each sending <paramref name="message"/> to a random actor of <paramref name="actors"/>, for <paramref name="duration"/>.</summary>
    private static async Task RunLoadAsync(RuntimeHost host, int actors, ActorMessage message, TimeSpan duration, Latencies latencies, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var id = GatewayScenarios.ActorId(Random.Shared.Next(actors));
                var started = Stopwatch.GetTimestamp();
                await host.SendAsync(id, false, cancellationToken, message);
                latencies.AddSince(started);
            }
        }, cancellationToken)));
    }

    /// <summary>
    /// Builds one actor with <see cref="Size.HistoryLength"/> checkpoints (one create, then one adjustStock per batch, through
    /// the runtime; the fill's connections commit with synchronous_commit=off, the measuring ones do not).
    /// </summary>
    public static async Task BuildHistoryAsync(string fastConnectionString, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: building {HistoryActor} with {size.HistoryLength:N0} checkpoints through the runtime");
        var watch = Stopwatch.StartNew();
        await using var host = await RuntimeHost.StartAsync(fastConnectionString, cancellationToken);
        await host.SendAsync(HistoryActor, false, cancellationToken, RuntimeHost.Create(HistoryActor));
        var adjust = ActorMessage.Of("adjustStock", new AdjustStock(1), GrainsJsonContext.Default.AdjustStock);
        for (var version = 2; version <= size.HistoryLength; version++)
        {
            await host.SendAsync(HistoryActor, false, cancellationToken, adjust);
        }

        report.Figure("s4.buildSeconds", watch.Elapsed.TotalSeconds, "s");
    }

    /// <summary>S4: getState and preview rewind+query at the oldest, middle and newest checkpoint, and getCheckpoints' first page.</summary>
    public static async Task RunS4Async(Postgres postgres, string database, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: S4 time travel on {HistoryActor} ({size.HistoryLength:N0} checkpoints, {size.TimeTravelCalls} sequential calls each)");
        await using var host = await RuntimeHost.StartAsync(postgres.ConnectionString(database), cancellationToken);
        var points = new[] { ("oldest", 1L), ("middle", size.HistoryLength / 2L), ("newest", (long)size.HistoryLength) };
        var checkpoints = new Dictionary<long, Guid>();
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString(database)))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var (_, version) in points)
            {
                await using var command = new NpgsqlCommand("select checkpoint_id from actors_journal where actor_type = 'sku' and actor_id = $1 and version = $2", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = HistoryActor });
                command.Parameters.Add(new NpgsqlParameter { Value = version });
                checkpoints[version] = (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
        }

        // Activate, then warm every path up (tiered JIT, pools, buffers) so that the point measured first is not the one
        // that pays for it.
        await host.SendAsync(HistoryActor, false, cancellationToken, QueryStock);
        for (var round = 0; round < 30; round++)
        {
            foreach (var (_, version) in points)
            {
                await host.SendAsync(HistoryActor, false, cancellationToken, RuntimeHost.Message("getState", $$"""{"version":{{version}}}"""));
                await host.SendAsync(HistoryActor, true, cancellationToken, RuntimeHost.Message("rewind", $$"""{"checkpointId":"{{checkpoints[version]}}"}"""), QueryStock);
            }

            await host.SendAsync(HistoryActor, false, cancellationToken, RuntimeHost.Message("getCheckpoints"));
        }

        foreach (var (name, version) in points)
        {
            var getState = RuntimeHost.Message("getState", $$"""{"version":{{version}}}""");
            report.Latency($"s4.getState.{name}", await Latencies.TimeAsync(size.TimeTravelCalls,
                ct => host.SendAsync(HistoryActor, false, ct, getState), cancellationToken));

            var rewind = RuntimeHost.Message("rewind", $$"""{"checkpointId":"{{checkpoints[version]}}"}""");
            try
            {
                report.Latency($"s4.previewRewind.{name}", await Latencies.TimeAsync(size.TimeTravelCalls,
                    ct => host.SendAsync(HistoryActor, true, ct, rewind, QueryStock), cancellationToken));
            }
            catch (Actors.Abstractions.Errors.ActorException e)
            {
                report.Note($"S4 preview rewind to the {name} checkpoint (version {version}) is refused: {e.Message}");
            }
        }

        // The newest point the activation cannot answer from memory: what the oldest costs against a read of the journal near its head.
        var previous = RuntimeHost.Message("getState", $$"""{"version":{{size.HistoryLength - 1}}}""");
        report.Latency("s4.getState.previous", await Latencies.TimeAsync(size.TimeTravelCalls,
            ct => host.SendAsync(HistoryActor, false, ct, previous), cancellationToken));

        var firstPage = RuntimeHost.Message("getCheckpoints");
        report.Latency("s4.getCheckpoints.firstPage", await Latencies.TimeAsync(size.TimeTravelCalls,
            ct => host.SendAsync(HistoryActor, false, ct, firstPage), cancellationToken));
    }

    /// <summary>S5: the first call (a query) to the history actor after its activation was dropped, every time.</summary>
    public static async Task RunS5Async(string connectionString, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: S5 first call to a cold actor with {size.HistoryLength:N0} checkpoints ({size.ColdCalls} activations)");
        await using var host = await RuntimeHost.StartAsync(connectionString, cancellationToken);
        await host.SendAsync(GatewayScenarios.ActorId(0), false, cancellationToken, QueryStock);
        var latencies = new Latencies();
        for (var i = 0; i < size.ColdCalls; i++)
        {
            await host.DeactivateAllAsync();

            var started = Stopwatch.GetTimestamp();
            await host.SendAsync(HistoryActor, false, cancellationToken, QueryStock);
            latencies.AddSince(started);
        }

        report.Latency("s5.coldCall", latencies);
    }

    /// <summary>
    /// S6: the managed heap per activated idle actor (GC.GetTotalMemory(true) before and after activating them, in a fresh
    /// runtime), less the size of one actor's state measured as objects (10,000 states deserialized from that actor's
    /// getState answer, held in an array) and reported as serialized JSON too.
    /// </summary>
    public static async Task RunS6Async(Postgres postgres, string database, Size size, Report report, CancellationToken cancellationToken)
    {
        const string Prefix = "idle-";
        Console.Error.WriteLine($"bench: S6 memory of {size.IdleActors:N0} activated idle actors (creating them first)");
        await using (var fill = await RuntimeHost.StartAsync(postgres.ConnectionString(database, fast: true), cancellationToken))
        {
            await fill.CreateSkusAsync(Prefix, size.IdleActors, Tasks, cancellationToken);
        }

        await using var host = await RuntimeHost.StartAsync(postgres.ConnectionString(database), cancellationToken);
        // Warm up: JIT, the connection pool, the type registry; these must not count as per-activation memory.
        for (var i = 0; i < 64; i++)
        {
            await host.SendAsync(GatewayScenarios.ActorId(i), false, cancellationToken, QueryStock);
        }

        var baseline = await host.ActivationCountAsync();
        var before = Heap();
        await Parallel.ForAsync(0, size.IdleActors, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
            await host.SendAsync(Prefix + i, false, ct, QueryStock));
        var after = Heap();
        var activations = await host.ActivationCountAsync() - baseline;
        var perActivation = (after - before) / (double)activations;
        report.Figure("s6.activations", activations, "actors");
        report.Figure("s6.heapPerActivation", perActivation, "bytes");

        var state = (await host.SendAsync(Prefix + "0", false, cancellationToken, RuntimeHost.Message("getState", """{"version":1}"""))).Results[0].Result!;
        // The answer adds fields the state record does not have (version); keep only the record's own.
        var own = GrainsJsonContext.Default.SkuState.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var stateObject = state.AsObject();
        foreach (var name in stateObject.Select(p => p.Key).Where(n => !own.Contains(n)).ToList())
        {
            stateObject.Remove(name);
        }

        var json = stateObject.ToJsonString();
        report.Figure("s6.stateJsonBytes", Encoding.UTF8.GetByteCount(json), "bytes");
        const int Copies = 10_000;
        var held = new SkuState?[Copies];
        var beforeStates = Heap();
        for (var i = 0; i < Copies; i++)
        {
            held[i] = JsonSerializer.Deserialize(json, GrainsJsonContext.Default.SkuState);
        }

        var stateBytes = (Heap() - beforeStates) / (double)Copies;
        GC.KeepAlive(held);
        report.Figure("s6.stateObjectBytes", stateBytes, "bytes");
        report.Figure("s6.overheadPerActivation", perActivation - stateBytes, "bytes");
        GC.KeepAlive(host);
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
