using System.Text.Json.Nodes;

namespace Actors.Torture.Scenarios;

/// <summary>
/// Idempotency-Key: a repeat answers the first answer and adds no checkpoint, also after a SIGKILL and restart and also
/// when the repeats arrive together; the same key with another body is a 422. If-Match: of N clients racing with the same
/// expected version exactly one wins and the others get 412.
/// </summary>
public static class IdempotencyScenario
{
    public static async Task<Report> RunAsync(string store, Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report($"idempotency/{store}");
        var tokens = new Tokens();
        var admin = tokens.Admin.Token;
        await using var journal = await JournalStore.CreateAsync(store, cancellationToken);
        var environment = Silos.Environment(tokens, journal, Silos.FixedPorts());
        var silo = await SiloProcess.StartAsync(environment, cancellationToken);
        try
        {
            using var client = new SiloClient(silo.BaseAddress);
            var ledger = new OrderLedger($"idem-{Guid.NewGuid():N}"[..17]);

            // Concurrent repeats: the same key and body fired at once, many times.
            for (var round = 0; round < size.RaceRounds; round++)
            {
                var batch = ledger.Next(ledger.ActorId(round % 3));
                var answers = await Task.WhenAll(Enumerable.Range(0, size.RaceClients).Select(_ =>
                    client.BatchAsync("order", batch.ActorId, batch.Body, admin, idempotencyKey: batch.Key, cancellationToken: cancellationToken)));
                report.Add("sent");
                Count5xx(report, answers);
                var ok = answers.Where(x => x.Status == 200).ToList();
                report.Require(ok.Count == answers.Length, $"concurrent repeats of one key: {string.Join(", ", answers.Select(x => x.Status))}");
                report.Require(ok.Count(x => !x.Replayed) <= 1, $"concurrent repeats: {ok.Count(x => !x.Replayed)} answers were not replays");
                report.Require(ok.Select(x => x.Json?["checkpointId"]?.ToString()).Distinct().Count() == 1, "concurrent repeats named different checkpoints");
                report.Add("replayed", ok.Count(x => x.Replayed));
                if (ok.Count > 0)
                {
                    batch.AcknowledgedVersion = ok[0].Json?["version"]?.GetValue<long>();
                    report.Add("acknowledged");
                }
            }

            // A reused key with a different body is 422, and changes nothing.
            var first = ledger.Next(ledger.ActorId(0));
            var applied = await client.BatchAsync("order", first.ActorId, first.Body, admin, idempotencyKey: first.Key, cancellationToken: cancellationToken);
            report.Add("sent");
            first.AcknowledgedVersion = applied.Json?["version"]?.GetValue<long>();
            report.Add("acknowledged");
            var other = await client.BatchAsync("order", first.ActorId, """[{"type":"addTag","body":{"key":"other-body"}}]""", admin, idempotencyKey: first.Key, cancellationToken: cancellationToken);
            report.Require(other.Status == 422 && other.ProblemDefect() is null, $"the same key with another body: {other}");
            var preview = await client.BatchAsync("order", first.ActorId, first.Body, admin, "?preview", idempotencyKey: first.Key, cancellationToken: cancellationToken);
            report.Require(preview.Status is 200 or 422, $"the same key as a preview: {preview}");
            Count5xx(report, [applied, other, preview]);

            // After a SIGKILL and a restart, a repeat still answers the first answer.
            var beforeCrash = ledger.Next(ledger.ActorId(1));
            var original = await client.BatchAsync("order", beforeCrash.ActorId, beforeCrash.Body, admin, idempotencyKey: beforeCrash.Key, cancellationToken: cancellationToken);
            report.Add("sent");
            beforeCrash.AcknowledgedVersion = original.Json?["version"]?.GetValue<long>();
            report.Add("acknowledged");
            await silo.KillAsync();
            await silo.DisposeAsync();
            silo = await SiloProcess.StartAsync(environment, cancellationToken);
            client.BaseAddress = silo.BaseAddress;
            var repeat = await client.BatchAsync("order", beforeCrash.ActorId, beforeCrash.Body, admin, idempotencyKey: beforeCrash.Key, cancellationToken: cancellationToken);
            report.Require(repeat.Status == 200 && repeat.Replayed && repeat.Body == original.Body, $"a repeat after a restart: {repeat} (first: {original})");
            Count5xx(report, [original, repeat]);

            await IfMatchRacesAsync(client, admin, size, report, cancellationToken);
            await ledger.VerifyAsync(client, admin, report, cancellationToken);
            report.CheckCore();
        }
        finally
        {
            await silo.DisposeAsync();
        }

        log.WriteLine(report);
        return report;
    }

    private static async Task IfMatchRacesAsync(SiloClient client, string admin, Size size, Report report, CancellationToken cancellationToken)
    {
        var id = $"race-{Guid.NewGuid():N}";
        var created = await client.MustAsync("order", id, """[{"type":"create","body":{"currency":"SEK"}}]""", admin, cancellationToken: cancellationToken);
        var version = created!["version"]!.GetValue<long>();
        for (var round = 0; round < size.RaceRounds; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, size.RaceClients).Select(c => client.BatchAsync(
                "order", id, $$$"""[{"type":"addTag","body":{"key":"r{{{round}}}-c{{{c}}}"}}]""", admin, ifMatch: $"\"{version}\"", cancellationToken: cancellationToken)));
            Count5xx(report, answers);
            var winners = answers.Where(x => x.Status == 200).ToList();
            report.Add("if-match rounds");
            report.Require(winners.Count == 1, $"If-Match race at v{version}: {winners.Count} winners ({string.Join(", ", answers.Select(x => x.Status))})");
            report.Require(answers.All(x => x.Status is 200 or 412) && answers.Where(x => x.Status == 412).All(x => x.ProblemDefect() is null), "If-Match losers must be 412 problems");
            report.Add("if-match 412", answers.Count(x => x.Status == 412));
            version = winners.Count > 0 ? winners[0].Json!["version"]!.GetValue<long>() : version;
        }

        var tags = (await client.MustAsync("order", id, """[{"type":"query","body":{"query":{"fields":["tags","version"]}}}]""", admin, cancellationToken: cancellationToken))!;
        report.Require(tags["version"]!.GetValue<long>() == size.RaceRounds + 1, $"after {size.RaceRounds} races the order is at v{tags["version"]}");
        report.Require(((JsonArray)tags["tags"]!).Count == size.RaceRounds, "each race added exactly one tag");
    }

    private static void Count5xx(Report report, IEnumerable<Answer> answers)
    {
        foreach (var answer in answers.Where(x => x.Status >= 500))
        {
            report.Add("5xx");
            report.Fail($"5xx: {answer}");
        }
    }
}
