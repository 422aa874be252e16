using System.Net;
using Actors.Tests.Shared;
using System.Text.Json.Nodes;
using Actors.Grains.History;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Gateway.Tests;

/// <summary>
/// Issue #13 over real HTTP, on each store: compaction with a boundary (POST /resources/history/compact), reads after it
/// exact, pruned history refused with 410, archived history served from the archive tier (and the header saying so), and
/// idempotency keys that expire.
/// </summary>
public abstract class HistoryLifecycleTests(SiloFixture silo)
{
    private readonly ActorsClient _api = new(silo.Http);

    private static string NewId() => $"hl-{Guid.NewGuid():N}";

    private async Task<ApiResponse> OneAsync(string id, string message, string body, string query = "") =>
        await _api.BatchAsync("order", id, $$$$"""[{"type":"{{{{message}}}}","body":{{{{body}}}}}]""", query: query);

    /// <summary>
    /// An order with three sets committed before the cutoff this answers and two after it: created; tagged x; confirmed |
    /// tagged y; tagged z.
    /// </summary>
    private async Task<(string Id, DateTimeOffset Cutoff)> FiveVersionOrderAsync()
    {
        var id = NewId();
        (await _api.BatchAsync("order", id, """[{"type":"create","body":{"orderNumber":"7","currency":"SEK"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"setOrderState","body":{"orderState":"confirmed"}}]""")).Ok();
        var third = (await _api.CheckpointsAsync("order", id))[2]!;
        var cutoff = DateTimeOffset.Parse((string)third["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture).AddTicks(10);
        await Clock.PassAsync(cutoff.AddMilliseconds(5));

        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"y"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"z"}}]""")).Ok();
        return (id, cutoff);
    }

    /// <summary>Compacts orders committed before <paramref name="before"/> and waits until the job completed.</summary>
    private async Task<JsonObject> CompactAsync(DateTimeOffset before, string tier)
    {
        var started = await _api.PostAsync(
            "/resources/history/compact",
            $$$"""{"actorType":"order","before":"{{{before.UtcDateTime:O}}}","reason":"lifecycle test","tier":"{{{tier}}}"}""");
        Assert.True(started.Status == HttpStatusCode.Accepted, started.Raw);
        var jobId = (string)started.Json["jobId"]!;
        Assert.Equal($"/resources/history/compactions/{jobId}", started.Header("Location"));
        JsonObject status;
        do
        {
            status = (await _api.GetAsync($"/resources/history/compactions/{jobId}?waitSeconds=30")).Ok()!.AsObject();
        }
        while ((string)status["status"]! is "pending" or "running");

        Assert.True((string)status["status"]! == "completed", status.ToJsonString());
        Assert.Equal(tier, (string)status["tier"]!);
        return status;
    }

    [Fact]
    public async Task Pruning_keeps_every_read_after_the_boundary_exact_and_refuses_earlier_points_with_410()
    {
        var (id, cutoff) = await FiveVersionOrderAsync();
        var current = await _api.QueryAsync("order", id);
        var atThree = (await OneAsync(id, "getState", """{"version":3}""")).Ok();
        var atFour = (await OneAsync(id, "getState", """{"version":4}""")).Ok();
        var diff = (await OneAsync(id, "diff", """{"from":3,"to":5}""")).Ok();
        var checkpoints = await _api.CheckpointsAsync("order", id);

        var job = await CompactAsync(cutoff, "prune");
        Assert.True((long)job["actors"]! >= 1);

        // After the boundary (version 3): the same answers, from the hot tier.
        var now = await _api.BatchAsync("order", id, """[{"type":"query"}]""");
        Assert.True(JsonNode.DeepEquals(current, now.Ok()));
        Assert.True(JsonNode.DeepEquals(atThree, (await OneAsync(id, "getState", """{"version":3}""")).Ok()));
        var four = await OneAsync(id, "getState", """{"version":4}""");
        Assert.True(JsonNode.DeepEquals(atFour, four.Ok()));
        Assert.Equal("hot", four.Header("Actors-History-Tier"));
        Assert.True(JsonNode.DeepEquals(diff, (await OneAsync(id, "diff", """{"from":3,"to":5}""")).Ok()));
        Assert.Equal("\"5\"", now.ETag);

        // History says where it starts: checkpoints from the boundary on, the page after it.
        var left = await OneAsync(id, "getCheckpoints", "{}");
        Assert.Equal([3L, 4L, 5L], left.Ok()!.AsArray().Select(c => (long)c!["version"]!));
        Assert.True(JsonNode.DeepEquals(checkpoints[2], left.Ok()![0]));
        Assert.Equal("3", left.Header("Actors-History-Earliest-Version"));
        Assert.Equal((string)checkpoints[2]!["timestamp"]!, left.Header("Actors-History-Earliest-Timestamp"));
        var page = (await _api.GetAsync($"/resources/actors/order/{id}/history")).Ok()!;
        Assert.Equal(3, (long)page["earliestVersion"]!);
        Assert.Equal((string)checkpoints[2]!["timestamp"]!, (string)page["earliestTimestamp"]!);
        Assert.Equal([4L, 5L], page["data"]!.AsArray().Select(e => (long)e!["version"]!));
        Assert.Equal(5, (long)page["pagination"]!["total"]!);

        // Before it: 410 naming the boundary, never a wrong state.
        foreach (var (message, body) in new[]
        {
            ("getState", """{"version":2}"""),
            ("getState", $$$"""{"asOf":"{{{checkpoints[1]!["timestamp"]}}}"}"""),
            ("getState", $$$"""{"checkpointId":"{{{checkpoints[0]!["checkpointId"]}}}"}"""),
            ("diff", """{"from":1,"to":5}"""),
            ("getHistory", """{"offset":0}"""),
            ("rewind", """{"version":1}"""),
        })
        {
            var problem = (await OneAsync(id, message, body)).Problem(HttpStatusCode.Gone);
            Assert.Equal("urn:actors:problem:history-pruned", (string)problem["type"]!);
            Assert.Equal(3, (long)problem["earliestVersion"]!);
            Assert.Equal((string)checkpoints[2]!["timestamp"]!, (string)problem["earliestTimestamp"]!);
            Assert.Contains("version 3", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        var preview = (await OneAsync(id, "rewind", """{"version":2}""", "?preview")).Problem(HttpStatusCode.Gone);
        Assert.Equal("urn:actors:problem:history-pruned", (string)preview["type"]!);
        (await _api.GetAsync($"/resources/actors/order/{id}/replay?fromVersion=1")).Problem(HttpStatusCode.Gone);
        Assert.True(JsonNode.DeepEquals(current, await _api.QueryAsync("order", id)));

        // Before the actor was created it did not exist, which the boundary still knows: null, not 410.
        Assert.Null((await OneAsync(id, "getState", """{"asOf":"2001-01-01T00:00:00Z"}""")).Ok());

        // A write after compaction goes on from the boundary's snapshot.
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"w"}}]""")).Ok();
        Assert.Equal(["w", "x", "y", "z"], (await _api.QueryAsync("order", id))["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task Archive_files_hold_personal_values_sealed_and_an_erasure_makes_the_archived_ones_unreadable()
    {
        const string email = "grace.hopper@example.com";
        var id = NewId();
        (await _api.BatchAsync("order", id, $$$"""[{"type":"create","body":{"currency":"SEK","customerEmail":"{{{email}}}"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Ok();
        var second = (await _api.CheckpointsAsync("order", id))[1]!;
        var cutoff = DateTimeOffset.Parse((string)second["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture).AddTicks(10);
        await Clock.PassAsync(cutoff.AddMilliseconds(5));

        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"y"}}]""")).Ok();
        await CompactAsync(cutoff, "archive");

        // The archive copies rows as stored: the email is in no file in clear, yet the archived state reads it back.
        foreach (var file in Directory.GetFiles(silo.ArchivePath, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(email, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        var archived = await OneAsync(id, "getState", """{"version":1}""");
        Assert.Equal("archive", archived.Header("Actors-History-Tier"));
        Assert.Equal(email, (string?)archived.Ok()!["customerEmail"]);

        (await _api.PostAsync($"/resources/actors/order/{id}/erase", """{"reason":"GDPR request"}""", TestTokens.Eraser)).Ok();

        // Every read of the archived versions, with a token that may see personal data, shows null where the email was.
        var reads = new (string Message, string Body)[]
        {
            ("getState", """{"version":1}"""),
            ("getState", """{"version":2}"""),
            ("getHistory", """{"offset":0}"""),
            ("diff", """{"from":1,"to":3}"""),
            ("getActivityLog", "{}"),
            ("getCheckpoints", "{}"),
        };
        var answers = new List<string>();
        foreach (var (message, body) in reads)
        {
            var answer = await OneAsync(id, message, body);
            answers.Add(answer.Raw);
        }

        var erasedState = (await OneAsync(id, "getState", """{"version":1}""")).Ok()!;
        Assert.Null((string?)erasedState["customerEmail"]);
        Assert.Equal("SEK", (string?)erasedState["currency"]);
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/order/{id}/replay?fromVersion=1"))
        {
            request.Headers.Authorization = new("Bearer", TestTokens.Admin);
            using var replay = await silo.Http.SendAsync(request);
            var stream = await replay.Content.ReadAsStringAsync();
            Assert.Contains("id: 1", stream, StringComparison.Ordinal);
            answers.Add(stream);
        }

        answers.Add((await _api.GetAsync($"/resources/events?actorId={id}")).Raw);
        foreach (var answer in answers)
        {
            Assert.DoesNotContain(email, answer, StringComparison.Ordinal);
            Assert.DoesNotContain("enc:v1:", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Archived_history_answers_every_read_as_before_from_the_archive_tier()
    {
        var (id, cutoff) = await FiveVersionOrderAsync();
        var checkpoints = await _api.CheckpointsAsync("order", id);
        var reads = new (string Message, string Body)[]
        {
            ("getState", """{"version":1}"""),
            ("getState", $$$"""{"checkpointId":"{{{checkpoints[1]!["checkpointId"]}}}"}"""),
            ("getState", $$$"""{"asOf":"{{{checkpoints[1]!["timestamp"]}}}"}"""),
            ("getHistory", """{"offset":0}"""),
            ("diff", """{"from":1,"to":5}"""),
            ("getActivityLog", "{}"),
        };
        var before = new List<JsonNode?>();
        foreach (var (message, body) in reads)
        {
            before.Add((await OneAsync(id, message, body)).Ok());
        }

        var preview = (await _api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":2}},{"type":"query"}]""", query: "?preview")).Ok();
        var events = (await _api.GetAsync($"/resources/events?actorId={id}")).Ok()!["data"];
        var snapshot = await SnapshotLineAsync(id, (string)checkpoints[1]!["timestamp"]!);
        Assert.Equal(["x"], snapshot!["tags"]!.AsArray().Select(t => (string)t!));

        var job = await CompactAsync(cutoff, "archive");
        Assert.True((long)job["files"]! >= 1);
        Assert.NotEmpty(Directory.GetFiles(silo.ArchivePath, "*.parquet", SearchOption.AllDirectories));

        for (var i = 0; i < reads.Length; i++)
        {
            var after = await OneAsync(id, reads[i].Message, reads[i].Body);
            Assert.True(JsonNode.DeepEquals(before[i], after.Ok()), $"{reads[i].Message} {reads[i].Body}: {after.Raw}");
            Assert.Equal("archive", after.Header("Actors-History-Tier"));
        }

        var all = await OneAsync(id, "getCheckpoints", "{}");
        Assert.True(JsonNode.DeepEquals(checkpoints, all.Ok()));
        Assert.Equal("1", all.Header("Actors-History-Earliest-Version"));
        Assert.Equal((string)checkpoints[0]!["timestamp"]!, all.Header("Actors-History-Earliest-Timestamp"));
        var page = (await _api.GetAsync($"/resources/actors/order/{id}/history")).Ok()!;
        Assert.Equal(1, (long)page["earliestVersion"]!);
        Assert.Equal(5, page["data"]!.AsArray().Count);
        var current = await OneAsync(id, "getState", """{"version":5}""");
        Assert.Equal("hot", current.Header("Actors-History-Tier"));

        Assert.True(JsonNode.DeepEquals(preview, (await _api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":2}},{"type":"query"}]""", query: "?preview")).Ok()));
        var listed = await _api.GetAsync($"/resources/events?actorId={id}");
        Assert.True(JsonNode.DeepEquals(events, listed.Ok()!["data"]), listed.Raw);
        Assert.Equal("archive", listed.Header("Actors-History-Tier"));

        // A compliance snapshot at an archived time holds the actor as it was.
        Assert.True(JsonNode.DeepEquals(snapshot, await SnapshotLineAsync(id, (string)checkpoints[1]!["timestamp"]!)));

        // Replay from version 1 streams the archived sets, then the hot ones.
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/order/{id}/replay"))
        {
            request.Headers.Authorization = new("Bearer", TestTokens.Admin);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            Assert.Equal("archive", response.Headers.GetValues("Actors-History-Tier").Single());
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            var ids = new List<string>();
            while (await reader.NextOrEndAsync(cancel.Token) is { } e)
            {
                ids.Add(e.Id!);
            }

            Assert.Equal(["1", "2", "3", "4", "5"], ids);
        }

        // Rewinding to an archived checkpoint works, and the state it restores is the archived one.
        var rewound = await _api.BatchAsync("order", id, $$$"""[{"type":"rewind","body":{"checkpointId":"{{{checkpoints[1]!["checkpointId"]}}}"}},{"type":"query"}]""");
        Assert.Equal(["x"], rewound.Ok()!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("archive", rewound.Header("Actors-History-Tier"));
        Assert.Equal(6, (await _api.CheckpointsAsync("order", id)).Count);

        // A second compaction of the same period changes nothing: no set is archived twice.
        await CompactAsync(cutoff, "archive");
        var again = (await OneAsync(id, "getHistory", """{"offset":0}""")).Ok()!["data"]!.AsArray();
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], again.Select(e => (long)e!["version"]!));
        Assert.True(JsonNode.DeepEquals(before[3]!["data"]![4], again[4]));
    }

    /// <summary>The line of order <paramref name="id"/> in a compliance snapshot of every order at <paramref name="at"/>.</summary>
    private async Task<JsonNode?> SnapshotLineAsync(string id, string at)
    {
        var started = await _api.PostAsync("/resources/actors/order/snapshots", $$"""{"at":"{{at}}","reason":"lifecycle test"}""");
        var snapshotId = (string)started.Json["snapshotId"]!;
        JsonNode status;
        do
        {
            status = (await _api.GetAsync($"/resources/snapshots/{snapshotId}?waitSeconds=30")).Ok()!;
        }
        while ((string)status["status"]! is "pending" or "running");

        Assert.Equal("completed", (string)status["status"]!);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/snapshots/{snapshotId}/data");
        request.Headers.Authorization = new("Bearer", TestTokens.Admin);
        using var response = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!);
        return lines.SingleOrDefault(l => (string?)l["orderId"] == id);
    }

    [Fact]
    public async Task Compaction_needs_admin_and_a_reason()
    {
        var body = """{"actorType":"order","before":"2001-01-01T00:00:00Z","reason":"r"}""";
        (await _api.PostAsync("/resources/history/compact", body, TestTokens.Writer)).Problem(HttpStatusCode.Forbidden);
        (await _api.PostAsync("/resources/history/compact", body, null)).Problem(HttpStatusCode.Unauthorized);
        (await _api.PostAsync("/resources/history/compact", """{"actorType":"order","before":"2001-01-01T00:00:00Z"}""")).Problem(HttpStatusCode.BadRequest);
        (await _api.PostAsync("/resources/history/compact", """{"actorType":"nope","before":"2001-01-01T00:00:00Z","reason":"r"}""")).Problem(HttpStatusCode.NotFound);
        (await _api.GetAsync("/resources/history/compactions/compact-00000000000000000000000000000000")).Problem(HttpStatusCode.NotFound);
        (await _api.PostAsync("/resources/history/compact", body, TestTokens.TicketOnly)).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_retention_policy_compacts_each_type_with_a_hot_window_and_leaves_the_others()
    {
        var id = NewId();
        (await _api.BatchAsync("ticket", id, """[{"type":"create","body":{"title":"Printer on fire","priority":"low"}}]""")).Ok();
        (await _api.BatchAsync("ticket", id, """[{"type":"setPriority","body":{"priority":"urgent"}}]""")).Ok();
        (await _api.BatchAsync("ticket", id, """[{"type":"assign","body":{"assignee":"kim"}}]""")).Ok();
        var order = NewId();
        (await _api.BatchAsync("order", order, """[{"type":"create","body":{"orderNumber":"8","currency":"SEK"}}]""")).Ok();
        (await _api.BatchAsync("order", order, """[{"type":"addTag","body":{"key":"x"}}]""")).Ok();
        var before = (await _api.BatchAsync("ticket", id, """[{"type":"getState","body":{"version":1}}]""")).Ok();

        // Two days on, the tickets' day in the hot journal (Actors:History:Ticket:HotFor) is over; orders have no policy.
        var policy = silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionPolicyGrain>(IRetentionPolicyGrain.Key);
        var run = await policy.RunAsync(DateTimeOffset.UtcNow.AddDays(2));
        var job = Assert.Single(run.Jobs);
        Assert.Equal(("ticket", "archive", "retention-policy"), (job.ActorType, job.Tier, job.Principal));
        var status = (await _api.GetAsync($"/resources/history/compactions/{job.JobId}?waitSeconds=60")).Ok()!;
        Assert.Equal("completed", (string)status["status"]!);

        var old = await _api.BatchAsync("ticket", id, """[{"type":"getState","body":{"version":1}}]""");
        Assert.True(JsonNode.DeepEquals(before, old.Ok()));
        Assert.Equal("archive", old.Header("Actors-History-Tier"));
        Assert.Equal("hot", (await _api.BatchAsync("order", order, """[{"type":"getState","body":{"version":1}}]""")).Header("Actors-History-Tier"));
        Assert.Equal(3, (await _api.CheckpointsAsync("ticket", id)).Count);
    }

    [Fact]
    public async Task An_idempotency_key_is_forgotten_after_its_window_and_a_repeat_is_a_new_batch()
    {
        var id = NewId();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"expiry-{id}" };
        var create = """[{"type":"create","body":{"orderNumber":"9","currency":"SEK"}}]""";
        var tag = """[{"type":"addTag","body":{"key":"once"}}]""";
        (await _api.BatchAsync("order", id, create)).Ok();
        var first = await _api.BatchAsync("order", id, tag, headers: key);
        var repeat = await _api.BatchAsync("order", id, tag, headers: key);
        Assert.Equal("\"2\"", first.ETag);
        Assert.Equal("true", repeat.Header("Idempotent-Replayed"));
        Assert.Equal("\"2\"", repeat.ETag);

        // The retention policy's run a day and a bit later expires it (Actors:Idempotency:Retention, 24 h by default).
        var policy = silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionPolicyGrain>(IRetentionPolicyGrain.Key);
        var run = await policy.RunAsync(DateTimeOffset.UtcNow.AddHours(25));
        Assert.True(run.ExpiredKeys >= 1);
        foreach (var job in run.Jobs)
        {
            // The run also compacted tickets (their policy); let that job finish before the next test.
            Assert.Equal("completed", (string)(await _api.GetAsync($"/resources/history/compactions/{job.JobId}?waitSeconds=60")).Ok()!["status"]!);
        }

        var after = await _api.BatchAsync("order", id, tag, headers: key);
        Assert.Null(after.Header("Idempotent-Replayed"));
        Assert.Equal("\"3\"", after.ETag);
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqliteHistoryLifecycleTests(SqliteSiloFixture silo) : HistoryLifecycleTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresHistoryLifecycleTests(PostgresSiloFixture silo) : HistoryLifecycleTests(silo);
