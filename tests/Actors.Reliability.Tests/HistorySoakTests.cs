using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.History;
using Actors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Actors.Reliability.Tests;

/// <summary>
/// Issue #13's soak: writers keep appending over real HTTP while compaction jobs archive what is older than a moving
/// cutoff, again and again. Afterwards every acknowledged mutation set is in exactly one tier (the hot journal or an
/// archive file the index names) holding what the writer sent, and the tiered read answers each version once, in order. CI size by default; <c>ACTORS_SOAK_SIZE=full</c> for the larger run the README reports.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HistorySoakTests(ITestOutputHelper output)
{
    private const string Token = "soak-admin-token-01";

    private static bool Full => string.Equals(Environment.GetEnvironmentVariable("ACTORS_SOAK_SIZE"), "full", StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Compacting_and_archiving_while_writes_continue_keeps_every_acknowledged_set_in_exactly_one_tier(string store)
    {
        var (actors, setsPerActor) = Full ? (40, 250) : (6, 40);
        var archive = Path.Combine(Path.GetTempPath(), $"actors-soak-archive-{Guid.NewGuid():N}");
        await using var database = store == "postgres" ? await PostgresTestDatabase.CreateAsync("actors_soak") : null;
        var settings = TestSilo.TokenSettings([(Token, "soak", ["actors/*:*"])]);
        settings["Actors:History:ArchivePath"] = archive;
        settings["Actors:History:PageSize"] = "4";
        if (database is not null)
        {
            settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        }

        await using var silo = await TestSilo.StartAsync(settings);
        try
        {
            silo.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var type = "order";
            var ids = Enumerable.Range(0, actors).Select(i => $"soak-{i:D3}-{Guid.NewGuid():N}").ToArray();
            var acknowledged = ids.ToDictionary(id => id, _ => new SortedDictionary<long, string>());
            var clock = Stopwatch.StartNew();

            // Writers: one task per actor, one set per batch.
            using var writing = new CancellationTokenSource();
            var writers = ids.Select(id => Task.Run(async () =>
            {
                await PostAsync(silo.Http, $"/resources/actors/{type}/{id}", """[{"type":"create","body":{"orderNumber":"1","currency":"SEK"}}]""", "\"SEK\"", acknowledged[id]);
                for (var n = 1; n < setsPerActor; n++)
                {
                    await PostAsync(silo.Http, $"/resources/actors/{type}/{id}", $$$"""[{"type":"addTag","body":{"key":"t{{{n}}}"}}]""", $"\"t{n}\"", acknowledged[id]);
                }
            })).ToArray();

            // The compactor: archive what is older than a moment ago, over and over while the writers run, then once more.
            var jobs = 0;
            long archivedSets = 0;
            var compactions = Task.Run(async () =>
            {
                var last = false;
                while (!last)
                {
                    last = writers.All(w => w.IsCompleted);
                    archivedSets += await CompactAsync(silo.Http, type, DateTimeOffset.UtcNow.AddMilliseconds(-50));
                    jobs++;
                }
            });
            await Task.WhenAll(writers);
            await compactions;
            var elapsed = clock.Elapsed;

            // Check every actor: hot journal and archive (through the index, as readers do) are disjoint and hold all.
            var services = silo.App.Services;
            var history = services.GetRequiredService<IHistoryStore>();
            var hot = (IJournalStore)history;
            var tiered = services.GetRequiredService<IJournalStore>();
            var files = new HistoryArchive(archive);
            long inHot = 0, inArchive = 0, lost = 0, duplicated = 0, wrong = 0;
            foreach (var id in ids)
            {
                var key = new ActorKey(type, id);
                var hotSets = await ReadAllAsync(hot, key);
                var archivedSetsOfActor = new List<MutationSetRecord>();
                foreach (var entry in await history.ReadArchiveIndexAsync(key, CancellationToken.None))
                {
                    archivedSetsOfActor.AddRange((await files.ReadAsync(entry, CancellationToken.None)).Sets.Select(s => s.Set));
                }

                inHot += hotSets.Count;
                inArchive += archivedSetsOfActor.Count;
                var tiers = hotSets.Concat(archivedSetsOfActor).GroupBy(s => s.Version).ToDictionary(g => g.Key, g => g.ToList());
                foreach (var (version, marker) in acknowledged[id])
                {
                    if (!tiers.TryGetValue(version, out var found))
                    {
                        lost++;
                    }
                    else if (found.Count > 1)
                    {
                        duplicated++;
                    }
                    else if (!found[0].Events.Contains(marker, StringComparison.Ordinal))
                    {
                        wrong++;
                    }
                }

                var read = await ReadAllAsync(tiered, key);
                Assert.Equal(acknowledged[id].Keys, read.Select(s => s.Version));
                Assert.Equal(tiers.Values.Select(f => f[0].CheckpointId).Order(), read.Select(s => s.CheckpointId).Order());
            }

            var total = acknowledged.Values.Sum(a => a.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history soak ({store}): {actors} actors, {total} sets acknowledged in {elapsed.TotalSeconds:F1} s, {jobs} compaction jobs, " +
                $"{archivedSets} sets archived by them; now {inHot} in the hot journal, {inArchive} in {Directory.GetFiles(archive, "*.parquet", SearchOption.AllDirectories).Length} archive files; " +
                $"lost {lost}, duplicated {duplicated}, wrong content {wrong}"));
            Assert.Equal(actors * setsPerActor, total);
            Assert.Equal(total, inHot + inArchive);
            Assert.True(inArchive > 0, "the soak archived nothing");
            Assert.Equal((0L, 0L, 0L), (lost, duplicated, wrong));
        }
        finally
        {
            if (Directory.Exists(archive))
            {
                Directory.Delete(archive, recursive: true);
            }
        }
    }

    /// <summary>
    /// Posts a batch until it is acknowledged (a 409 from a race with a compaction or a 503 is retried with the same
    /// Idempotency-Key, so it applies once) and records its version with what its set must hold.
    /// </summary>
    private static async Task PostAsync(HttpClient http, string path, string batch, string marker, SortedDictionary<long, string> acknowledged)
    {
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(batch, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                acknowledged[long.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture)] = marker;
                return;
            }

            Assert.True(attempt < 20 && response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable,
                $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            // A 503 says when to come back (Retry-After), as a client is told to; a 409 is decided again at once.
            if (response.Headers.RetryAfter?.Delta is { } retryAfter)
            {
                await Task.Delay(retryAfter);
            }
        }
    }

    /// <summary>Starts a compaction job that archives what is older than <paramref name="before"/> and waits for it; answers the sets it archived.</summary>
    private static async Task<long> CompactAsync(HttpClient http, string type, DateTimeOffset before)
    {
        using var content = new StringContent(
            $$$"""{"actorType":"{{{type}}}","before":"{{{before.UtcDateTime:O}}}","reason":"soak","tier":"archive"}""", Encoding.UTF8, "application/json");
        using var started = await http.PostAsync("/resources/history/compact", content);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var jobId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["jobId"]!;
        while (true)
        {
            var status = JsonNode.Parse(await http.GetStringAsync($"/resources/history/compactions/{jobId}?waitSeconds=30"))!;
            switch ((string)status["status"]!)
            {
                case "completed":
                    return (long)status["sets"]!;
                case "failed":
                    Assert.Fail($"compaction {jobId} failed: {status["error"]}");
                    break;
            }
        }
    }

    private static async Task<List<MutationSetRecord>> ReadAllAsync(IJournalStore store, ActorKey key)
    {
        var all = new List<MutationSetRecord>();
        while (true)
        {
            var page = await store.ReadAsync(key, all.Count == 0 ? 0 : all[^1].Version, long.MaxValue, 500, CancellationToken.None);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }
}
