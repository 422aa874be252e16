namespace Actors.Torture.Scenarios;

/// <summary>
/// Two silo processes on one PostgreSQL database drive the same orders at once. Every acknowledged batch is in the journal
/// once, versions are contiguous, the state is the fold of the journal, and a read through either silo reflects every write
/// acknowledged (through the other one) before the read began.
/// </summary>
public static class TwoSilosScenario
{
    public static async Task<Report> RunAsync(Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report("two-silos/postgres");
        var tokens = new Tokens();
        await using var journal = await JournalStore.PostgresAsync(cancellationToken);
        var environment = Silos.Environment(tokens, journal);
        await using var a = await SiloProcess.StartAsync(environment, cancellationToken);
        await using var b = await SiloProcess.StartAsync(environment, cancellationToken);
        using var clientA = new SiloClient(a.BaseAddress);
        using var clientB = new SiloClient(b.BaseAddress);
        SiloClient[] silos = [clientA, clientB];
        var ledger = new OrderLedger($"two-{Guid.NewGuid():N}"[..16]);
        var sender = new BatchSender(() => silos[Random.Shared.Next(2)], tokens.Admin.Token, report, TimeSpan.FromSeconds(60));
        for (var i = 0; i < size.TwoSiloActors; i++)
        {
            await sender.SendAsync(ledger.Next(ledger.ActorId(i)), cancellationToken);
        }

        var remaining = size.TwoSiloBatches;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await sender.SendAsync(ledger.Next(ledger.ActorId(Random.Shared.Next(size.TwoSiloActors))), cancellationToken);
            }
        }, cancellationToken)));

        // Read-your-writes across silos: a write acknowledged by one silo, then a read through the other.
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < size.TwoSiloActors; i++)
            {
                var writer = silos[(round + i) % 2];
                var reader = silos[(round + i + 1) % 2];
                var batch = ledger.Next(ledger.ActorId(i));
                var written = await new BatchSender(() => writer, tokens.Admin.Token, report, TimeSpan.FromSeconds(60)).SendAsync(batch, cancellationToken);
                var read = await reader.BatchAsync("order", batch.ActorId, """[{"type":"query","body":{"query":{"fields":["version","tags"]}}}]""", tokens.Admin.Token, cancellationToken: cancellationToken);
                report.Add("cross-silo reads");
                var seen = read.Json?["version"]?.GetValue<long>();
                if (written is null || read.Status != 200 || seen < batch.AcknowledgedVersion || read.ETagVersion < batch.AcknowledgedVersion)
                {
                    report.Add("stale reads");
                    report.Fail($"order {batch.ActorId}: write acknowledged as v{batch.AcknowledgedVersion} by one silo, then the other silo read v{seen} (ETag {read.ETagVersion})");
                }
            }
        }

        // The journal, read through a third silo that has no activation of these orders.
        await using var fresh = await SiloProcess.StartAsync(environment, cancellationToken);
        using var clientC = new SiloClient(fresh.BaseAddress);
        await ledger.VerifyAsync(clientC, tokens.Admin.Token, report, cancellationToken);
        report.CheckCore();
        log.WriteLine(report);
        return report;
    }
}
