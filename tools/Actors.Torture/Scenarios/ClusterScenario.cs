using System.Diagnostics;

namespace Actors.Torture.Scenarios;

/// <summary>
/// Three silo processes on one PostgreSQL database form one Orleans cluster under a concurrent load, each batch sent
/// round-robin through the three (a retry goes on to the next silo, with the same Idempotency-Key and body). Each round
/// one silo is SIGKILLed mid-load and started again on its old ports, and another is stopped with SIGTERM and started
/// again. Then every acknowledged batch is in the journal once, each order's versions are gapless, its history is
/// linearizable, no answer was a 5xx other than 503, a 503 came only while a silo was dying, a graceful stop failed no
/// request, and the failover time (SIGKILL until every order answers through the survivors) is within the promise.
/// </summary>
public static class ClusterScenario
{
    /// <summary>The promise: every actor of a silo that died answers through the others within this.</summary>
    public static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(5);

    private const int SiloCount = 3;

    /// <summary>How long after a failure ends a 503 is still put down to it (clients learn of the change one by one).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An order that answers a read later than this after the SIGKILL waited for the failover (the others answer as fast
    /// as the loaded machine allows, 0.15 s here; those of the killed silo after about a second).
    /// </summary>
    private static readonly TimeSpan Waited = TimeSpan.FromMilliseconds(500);

    private const string Read = """[{"type":"query","body":{"query":{"fields":["version"]}}}]""";

    public static async Task<Report> RunAsync(Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report("cluster/postgres");
        var tokens = new Tokens();
        await using var journal = await JournalStore.PostgresAsync(cancellationToken);

        // Each silo keeps its Orleans ports across restarts, as a silo on a real machine does: a restarted silo is a new
        // incarnation on the same endpoint, and the cluster must tell it from the one that died there.
        var slots = Enumerable.Range(0, SiloCount).Select(_ =>
        {
            var slot = Silos.Environment(tokens, journal, Silos.FixedPorts());
            slot["Orleans__ClusterId"] = "torture";
            return slot;
        }).ToArray();
        var silos = await Task.WhenAll(slots.Select(slot => SiloProcess.StartAsync(slot, cancellationToken)));
        var clients = silos.Select(silo => new SiloClient(silo.BaseAddress, TimeSpan.FromSeconds(30))).ToArray();
        try
        {
            var failures = new FailureWindows();
            var admin = tokens.Admin.Token;
            var ledger = new OrderLedger($"cluster-{Guid.NewGuid():N}"[..20]);
            var turn = 0;
            SiloClient Next()
            {
                // Round-robin, passing over a silo that said it is stopping (unless every one did).
                for (var tries = 0; ; tries++)
                {
                    var client = clients[(int)((uint)Interlocked.Increment(ref turn) % SiloCount)];
                    if (!client.Draining || tries >= SiloCount)
                    {
                        return client;
                    }
                }
            }

            var sender = new BatchSender(Next, admin, report, TimeSpan.FromSeconds(90))
            {
                Observe = answer => Classify(answer, failures, report),
                ObserveNoAnswer = (_, refused) =>
                {
                    if (!refused && failures.Graceful)
                    {
                        report.Add("cut off in graceful stops");
                    }
                },
            };
            for (var i = 0; i < size.ClusterActors; i++)
            {
                await sender.SendAsync(ledger.Next(ledger.ActorId(i)), cancellationToken);
            }

            // Every worker writes to any order, so the batches of one order race each other through different silos.
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, size.ClusterWorkers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await sender.SendAsync(ledger.Next(ledger.ActorId(Random.Shared.Next(size.ClusterActors))), cancellationToken);
                }
            }, cancellationToken)).ToList();

            // The silo up longest holds the most orders (those of a stopped or killed silo move to the ones still up), so it
            // is the one killed, and the next oldest the one stopped: each failure moves orders.
            var startedAt = new long[SiloCount];
            int Oldest(int except) => Enumerable.Range(0, SiloCount).Where(i => i != except).MinBy(i => startedAt[i]);
            var phase = TimeSpan.FromSeconds(size.ClusterPhaseSeconds);
            for (var round = 0; round < size.ClusterRounds; round++)
            {
                await Task.Delay(phase + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), cancellationToken);
                var killed = Oldest(except: -1);
                using (failures.Open(graceful: false))
                {
                    var killedAt = Stopwatch.GetTimestamp();
                    await silos[killed].KillAsync();
                    report.Add("kills");
                    var survivors = clients.Where((_, i) => i != killed).ToList();
                    await MeasureFailoverAsync(survivors, ledger, size.ClusterActors, admin, killedAt, report, cancellationToken);
                }

                // The silo comes back while the load goes on: joining the cluster must not cost a request either.
                await silos[killed].DisposeAsync();
                silos[killed] = await SiloProcess.StartAsync(slots[killed], cancellationToken);
                clients[killed].BaseAddress = silos[killed].BaseAddress;
                startedAt[killed] = Stopwatch.GetTimestamp();

                await Task.Delay(phase, cancellationToken);
                var stopped = Oldest(except: killed);
                using (failures.Open(graceful: true))
                {
                    var stopping = Stopwatch.StartNew();
                    var exited = await silos[stopped].TerminateAsync(TimeSpan.FromSeconds(45));
                    report.Max("graceful stop ms", stopping.ElapsedMilliseconds);
                    report.Add("graceful stops");
                    report.Require(exited && silos[stopped].ExitCode == 0, $"silo {stopped} did not exit by itself after SIGTERM (exit code {(exited ? silos[stopped].ExitCode : -1)})");
                    report.Require(!silos[stopped].Output.Contains("non-graceful", StringComparison.Ordinal), $"silo {stopped} stopped Orleans non-gracefully after SIGTERM");
                }

                await silos[stopped].DisposeAsync();
                silos[stopped] = await SiloProcess.StartAsync(slots[stopped], cancellationToken);
                clients[stopped].BaseAddress = silos[stopped].BaseAddress;
                startedAt[stopped] = Stopwatch.GetTimestamp();
            }

            await Task.Delay(phase, cancellationToken);
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            await ledger.VerifyAsync(clients[0], admin, report, cancellationToken);
            report.CheckCore();
            report.Require(report["cut off in graceful stops"] == 0, $"{report["cut off in graceful stops"]} requests were cut off while a silo stopped gracefully");
            report.Require(report["503 in graceful stops"] == 0, $"{report["503 in graceful stops"]} answers were 503 while a silo stopped gracefully");
            report.Require(report["failover ms"] <= FailoverLimit.TotalMilliseconds, $"the orders of the killed silo took {report["failover ms"]} ms to answer through the others (promised: {FailoverLimit.TotalSeconds} s)");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }

        log.WriteLine(report);
        return report;
    }

    /// <summary>A 503 is expected only while a silo dies (and shortly after); during a graceful stop it is a failed request.</summary>
    private static void Classify(Answer answer, FailureWindows failures, Report report)
    {
        if (answer.Status != 503)
        {
            return;
        }

        if (failures.Graceful)
        {
            report.Add("503 in graceful stops");
        }
        else if (!failures.ExpectingUnavailable)
        {
            report.Add("503 outside failures");
            report.Fail($"a 503 while every silo ran: {answer}");
        }
    }

    /// <summary>
    /// From the SIGKILL until every order has answered a read through the survivors: the orders that lived on the killed
    /// silo answer only once the cluster has declared it dead and activated them elsewhere.
    /// </summary>
    private static async Task MeasureFailoverAsync(
        List<SiloClient> survivors, OrderLedger ledger, int actors, string token, long killedAt, Report report, CancellationToken cancellationToken)
    {
        var answered = await Task.WhenAll(Enumerable.Range(0, actors).Select(async i =>
        {
            var id = ledger.ActorId(i);
            for (var attempt = 0; Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(60); attempt++)
            {
                var answer = await survivors[attempt % survivors.Count].BatchAsync("order", id, Read, token, cancellationToken: cancellationToken);
                if (answer.Status == 200)
                {
                    return Stopwatch.GetElapsedTime(killedAt);
                }

                report.Add("failover probes 503");
                report.Require(answer.Status == 503, $"order {id} during the failover: {answer}");
                await Task.Delay(20, cancellationToken);
            }

            report.Fail($"order {id} did not answer through the survivors within 60 s of the SIGKILL");
            return TimeSpan.FromSeconds(60);
        }));
        report.Max("failover ms", (long)answered.Max().TotalMilliseconds);
        report.Add("orders that waited", answered.Count(t => t > Waited));
    }

    /// <summary>The spans of time while a silo is dying or stopping (and <see cref="Settle"/> after), when a 503 may come.</summary>
    private sealed class FailureWindows
    {
        private readonly Lock _lock = new();
        private int _open;
        private int _graceful;
        private long _closedAt;

        /// <summary>True while a silo stops gracefully.</summary>
        public bool Graceful => Volatile.Read(ref _graceful) > 0;

        /// <summary>Opens a window; disposing the result closes it.</summary>
        public IDisposable Open(bool graceful)
        {
            lock (_lock)
            {
                _open++;
                _graceful += graceful ? 1 : 0;
            }

            return new Closer(this, graceful);
        }

        /// <summary>True while a window is open or closed less than <see cref="Settle"/> ago.</summary>
        public bool ExpectingUnavailable
        {
            get
            {
                lock (_lock)
                {
                    return _open > 0 || (_closedAt != 0 && Stopwatch.GetElapsedTime(_closedAt) < Settle);
                }
            }
        }

        private void Close(bool graceful)
        {
            lock (_lock)
            {
                _open--;
                _graceful -= graceful ? 1 : 0;
                _closedAt = Stopwatch.GetTimestamp();
            }
        }

        private sealed class Closer(FailureWindows windows, bool graceful) : IDisposable
        {
            public void Dispose() => windows.Close(graceful);
        }
    }
}
