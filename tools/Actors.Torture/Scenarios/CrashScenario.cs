namespace Actors.Torture.Scenarios;

/// <summary>
/// SIGKILL under load: workers send batches (each with an Idempotency-Key) without pause; the silo is killed at random
/// moments and started again on the same journal; every batch without an answer is retried with the same key and body.
/// Then a fresh silo reads every order back: each acknowledged batch once, whole, and the state is the fold of the journal.
/// </summary>
public static class CrashScenario
{
    public static async Task<Report> RunAsync(string store, Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report($"crash/{store}");
        var tokens = new Tokens();
        await using var journal = await JournalStore.CreateAsync(store, cancellationToken);
        var environment = Silos.Environment(tokens, journal, Silos.FixedPorts());
        var silo = await SiloProcess.StartAsync(environment, cancellationToken);
        try
        {
            using var client = new SiloClient(silo.BaseAddress, TimeSpan.FromSeconds(30));
            var ledger = new OrderLedger($"crash-{Guid.NewGuid():N}"[..18]);
            var sender = new BatchSender(() => client, tokens.Admin.Token, report, TimeSpan.FromSeconds(90));
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, size.CrashWorkers).Select(w => Task.Run(async () =>
            {
                var mine = Enumerable.Range(0, size.CrashActors).Where(a => a % size.CrashWorkers == w).Select(ledger.ActorId).ToList();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    // A started batch is always finished (retried until answered), even after the stop signal.
                    await sender.SendAsync(ledger.Next(mine[i % mine.Count]), cancellationToken);
                }
            }, cancellationToken)).ToList();

            for (var kill = 0; kill < size.CrashKills; kill++)
            {
                // Kill only once the load is going again (a restarted silo on a busy machine may be slow to take it), then
                // at a random moment.
                var acknowledged = report["applied"] + report["replayed"];
                var waiting = System.Diagnostics.Stopwatch.StartNew();
                while (report["applied"] + report["replayed"] < acknowledged + size.CrashWorkers && waiting.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(20, cancellationToken);
                }

                await Task.Delay(Random.Shared.Next(0, 1000), cancellationToken);
                await silo.KillAsync();
                report.Add("kills");
                await silo.DisposeAsync();
                silo = await SiloProcess.StartAsync(environment, cancellationToken);
                client.BaseAddress = silo.BaseAddress;
            }

            await Task.Delay(500, cancellationToken);
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            // Read back through a silo that has never seen these orders: every activation is rebuilt from the journal.
            await silo.KillAsync();
            await silo.DisposeAsync();
            silo = await SiloProcess.StartAsync(environment, cancellationToken);
            client.BaseAddress = silo.BaseAddress;
            await ledger.VerifyAsync(client, tokens.Admin.Token, report, cancellationToken);
            report.CheckCore();
            report.Require(report["kills"] == size.CrashKills, "not every kill happened");
        }
        finally
        {
            await silo.DisposeAsync();
        }

        log.WriteLine(report);
        return report;
    }
}
