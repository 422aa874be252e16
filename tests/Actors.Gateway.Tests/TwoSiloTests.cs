using System.Net;
using System.Text.Json.Nodes;
using Actors.Abstractions.Storage;
using Actors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Gateway.Tests;

/// <summary>
/// Nothing lives on one silo only: what is started, written or followed through one silo's gateway is seen through the
/// other's (snapshot jobs, idempotency keys, replay followers), and a snapshot job whose silo stops finishes on another.
/// Each test uses its own actor type, so a snapshot's count is exactly that test's actors.
/// </summary>
public sealed class TwoSiloTests(TwoSiloFixture cluster) : IClassFixture<TwoSiloFixture>
{
    private readonly ActorsClient _a = new(cluster.A.Http);
    private readonly ActorsClient _b = new(cluster.B.Http);

    private static string NewId() => $"two-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_snapshot_started_through_one_silo_has_its_status_and_data_through_the_other()
    {
        var ids = new[] { NewId(), NewId(), NewId() };
        foreach (var id in ids)
        {
            (await _a.BatchAsync("payment", id, """[{"type":"create","body":{"amount":10,"currency":"SEK","cardNumber":"4111111111115555"}}]""")).Ok();
        }

        var started = await _a.PostAsync("/resources/actors/payment/snapshots", """{"at":"2100-01-01T00:00:00Z","reason":"cluster audit"}""", TestTokens.Reader);
        var snapshotId = (string)started.Json["snapshotId"]!;
        var early = (await _b.GetAsync($"/resources/snapshots/{snapshotId}", TestTokens.Reader)).Ok()!;
        var status = (await _b.GetAsync($"/resources/snapshots/{snapshotId}?waitSeconds=30", TestTokens.Reader)).Ok()!;
        var masked = await NdjsonAsync(cluster.B.Http, $"/resources/snapshots/{snapshotId}/data", TestTokens.Reader);
        var clear = await NdjsonAsync(cluster.B.Http, $"/resources/snapshots/{snapshotId}/data", TestTokens.PaymentPii);

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal(snapshotId, (string)early["snapshotId"]!);
        Assert.Equal("payment", (string)early["actorType"]!);
        Assert.Equal("cluster audit", (string)early["reason"]!);
        Assert.Equal("reader", (string)early["principal"]!);
        Assert.Equal("completed", (string)status["status"]!);
        Assert.Equal(3, (long)status["count"]!);
        Assert.NotNull((string?)status["completedAt"]);
        Assert.Equal(ids.Order(), Lines(masked).Select(l => (string)l["paymentId"]!).Order());
        Assert.DoesNotContain("4111111111115555", masked, StringComparison.Ordinal);
        Assert.Equal(3, Lines(clear).Count(l => ((string)l["cardNumber"]!).Contains("4111111111115555", StringComparison.Ordinal)));
        var audit = (await _a.GetAsync("/resources/audit?actorType=payment&principal=reader")).Ok()!["data"]!.AsArray();
        Assert.Contains(audit, a => (string)a!["operation"]! == "export" && (string)a["target"]!["snapshotId"]! == snapshotId);
    }

    [Fact]
    public async Task A_snapshot_job_whose_silo_dies_mid_run_finishes_through_another_silo()
    {
        // One actor per step: a job over 200 actors takes a while, and its silo dies right after starting it.
        const int actors = 200;
        var ids = await CreateAsync(actors, "ticket", """{"title":"resume me"}""");
        var doomed = await cluster.StartSiloAsync();
        string snapshotId;
        try
        {
            snapshotId = await StartSnapshotAsync(doomed, "ticket");
            var address = doomed.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            await doomed.KillAsync();
            await DeclaredDeadAsync(address);
        }
        finally
        {
            await doomed.DisposeAsync();
        }

        // The unfinished job's reminder outlived its silo (a survivor's reminder service ticks it).
        Assert.NotNull(await ResumeReminderAsync(snapshotId));

        // Its grain activates on a survivor, reads the job's last persisted page and goes on from there.
        var afterDeath = (await _b.GetAsync($"/resources/snapshots/{snapshotId}")).Ok()!;
        var finished = (await _b.GetAsync($"/resources/snapshots/{snapshotId}?waitSeconds=60")).Ok()!;
        var data = await NdjsonAsync(cluster.B.Http, $"/resources/snapshots/{snapshotId}/data", TestTokens.Admin);

        Assert.True((long)afterDeath["count"]! < actors, $"The job had written {afterDeath["count"]} of {actors} actors when its silo died.");
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal(actors, (long)finished["count"]!);
        Assert.Equal(ids, Lines(data).Select(l => (string)l["ticketId"]!).Order(StringComparer.Ordinal));
        Assert.Null(await ResumeReminderAsync(snapshotId));
    }

    [Fact]
    public async Task A_compaction_job_whose_silo_dies_mid_run_finishes_through_another_silo_losing_and_duplicating_nothing()
    {
        // One actor a step, each archived to a file of its own: the job is still running when its silo dies.
        const int actors = 120;
        var ids = await CreateAsync(actors, "asset", """{"name":"Crane","assetType":"vehicle"}""");
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            (await _b.BatchAsync("asset", id, """[{"type":"addTag","body":{"key":"old"}}]""")).Ok());
        var cutoff = DateTimeOffset.UtcNow;
        var doomed = await cluster.StartSiloAsync();
        string jobId;
        try
        {
            var started = await new ActorsClient(doomed.Http).PostAsync(
                "/resources/history/compact", $$"""{"actorType":"asset","before":"{{cutoff.UtcDateTime:O}}","reason":"resume me","tier":"archive"}""");
            Assert.True(started.Status == HttpStatusCode.Accepted, started.Raw);
            jobId = (string)started.Json["jobId"]!;
            var address = doomed.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            await doomed.KillAsync();
            await DeclaredDeadAsync(address);
        }
        finally
        {
            await doomed.DisposeAsync();
        }

        Assert.NotNull(await ReminderAsync($"compaction-job/{jobId}"));
        var afterDeath = (await _b.GetAsync($"/resources/history/compactions/{jobId}")).Ok()!;
        JsonNode finished;
        do
        {
            finished = (await _b.GetAsync($"/resources/history/compactions/{jobId}?waitSeconds=60")).Ok()!;
        }
        while ((string)finished["status"]! is "pending" or "running");

        Assert.True((long)afterDeath["actors"]! < actors, $"The job had compacted {afterDeath["actors"]} of {actors} actors when its silo died.");
        Assert.Equal("completed", (string)finished["status"]!);

        // Every actor: version 1 in the archive exactly once, version 2 hot, both read back as written.
        var history = cluster.B.App.Services.GetRequiredService<IHistoryStore>();
        foreach (var id in ids)
        {
            var index = await history.ReadArchiveIndexAsync(new Abstractions.ActorKey("asset", id), CancellationToken.None);
            Assert.Equal([(1L, 1L)], index.Select(e => (e.FromVersion, e.ToVersion)));
            var first = await _a.BatchAsync("asset", id, """[{"type":"getState","body":{"version":1}}]""");
            Assert.Equal("Crane", (string)first.Ok()!["name"]!);
            Assert.Equal("archive", first.Header("Actors-History-Tier"));
            Assert.Equal([1L, 2L], (await _a.CheckpointsAsync("asset", id)).Select(c => (long)c!["version"]!));
        }

        Assert.Null(await ReminderAsync($"compaction-job/{jobId}"));
    }

    [Fact]
    public async Task A_snapshot_job_whose_silo_stops_gracefully_finishes_through_another_silo()
    {
        const int actors = 200;
        var ids = await CreateAsync(actors, "sku", """{"skuNumber":"S-1","name":"Bolt","price":1.5,"currency":"SEK"}""");
        var leaving = await cluster.StartSiloAsync();
        string snapshotId;
        try
        {
            snapshotId = await StartSnapshotAsync(leaving, "sku");
        }
        finally
        {
            // A graceful stop hands the running job over to another silo (Orleans migrates the activation with its state).
            await leaving.DisposeAsync();
        }

        var finished = (await _b.GetAsync($"/resources/snapshots/{snapshotId}?waitSeconds=60")).Ok()!;
        var data = await NdjsonAsync(cluster.B.Http, $"/resources/snapshots/{snapshotId}/data", TestTokens.Admin);

        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal(actors, (long)finished["count"]!);
        Assert.Equal(ids, Lines(data).Select(l => (string)l["skuId"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_idempotency_key_used_through_one_silo_replays_through_the_other()
    {
        var id = NewId();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        (await _a.BatchAsync("order", id, """[{"type":"create","body":{"orderNumber":"7","currency":"SEK"}}]""")).Ok();

        var first = await _a.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"once"}}]""", headers: key);
        var repeat = await _b.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"once"}}]""", headers: key);
        var reused = await _b.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"other"}}]""", headers: key);

        Assert.True(JsonNode.DeepEquals(first.Ok(), repeat.Ok()));
        reused.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, (await _b.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task Agents_on_either_silo_see_one_another_and_a_tool_call_needs_no_session_on_the_silo_it_reaches()
    {
        var id = NewId();
        (await _a.BatchAsync("order", id, """[{"type":"create","body":{"orderNumber":"8","currency":"SEK"}}]""")).Ok();
        (await _a.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"by-mistake"}}]""")).Ok();
        await using var onA = await McpAgent.ConnectAsync(cluster.A.BaseAddress, TestTokens.Admin);
        await using var onB = await McpAgent.ConnectAsync(cluster.B.BaseAddress, TestTokens.Reader);

        (await onA.CallAsync("rewind", new { type = "order", id, to = "1", reason = "through silo A" })).Ok();
        var seen = (await onB.CallAsync("fetch", new { type = "order", id })).Ok()!;

        // The transport is stateless: a lone tools/call, with no initialize and no Mcp-Session-Id, is answered by any silo.
        var lone = await _b.PostAsync(
            "/mcp", $$$$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"checkpoints","arguments":{"type":"order","id":"{{{{id}}}}"}}}""",
            TestTokens.Reader, headers: new Dictionary<string, string> { ["Accept"] = "application/json, text/event-stream" });

        Assert.Equal((3L, 0), ((long)seen["version"]!, seen["tags"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.OK, lone.Status);
        Assert.Contains("through silo A", lone.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("isError", lone.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_follower_on_one_silo_receives_a_commit_made_through_the_other()
    {
        var id = NewId();
        (await _a.BatchAsync("asset", id, """[{"type":"create","body":{"name":"Crane","assetType":"vehicle"}}]""")).Ok();

        // A guard, not a measure: the commit arrives long before it (README: within a second).
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/asset/{id}/replay?follow=true");
        request.Headers.Authorization = new("Bearer", TestTokens.Admin);
        using var response = await cluster.B.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var existing = await stream.NextAsync(cancel.Token);

        (await _a.BatchAsync("asset", id, """[{"type":"addTag","body":{"key":"from-a"}}]""")).Ok();
        var live = await stream.NextAsync(cancel.Token);

        Assert.Equal("1", existing.Id);
        Assert.Equal("2", live.Id);
        Assert.Equal("from-a", (string)live.Data["events"]![0]!["data"]!["key"]!);
    }

    /// <summary>Creates <paramref name="count"/> actors of <paramref name="type"/> through silo B; their ids in ordinal order.</summary>
    private async Task<List<string>> CreateAsync(int count, string type, string body)
    {
        var ids = Enumerable.Range(0, count).Select(_ => NewId()).Order(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            (await _b.BatchAsync(type, id, $$"""[{"type":"create","body":{{body}}}]""")).Ok());
        return ids;
    }

    private static async Task<string> StartSnapshotAsync(TestSilo silo, string type)
    {
        var started = await new ActorsClient(silo.Http).PostAsync($"/resources/actors/{type}/snapshots", """{"at":"2100-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        return (string)started.Json["snapshotId"]!;
    }

    /// <summary>Until silo B's view of the cluster has <paramref name="address"/> dead (a guard of a minute, not a measure).</summary>
    private async Task DeclaredDeadAsync(SiloAddress address)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var membership = cluster.B.App.Services.GetRequiredService<IClusterMembershipService>();
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(guard.Token))
        {
            if (snapshot.GetSiloStatus(address) == SiloStatus.Dead)
            {
                return;
            }
        }
    }

    /// <summary>The resume reminder of the snapshot job, as the cluster's reminder table in the database holds it.</summary>
    private Task<ReminderRecord?> ResumeReminderAsync(string snapshotId) => ReminderAsync($"snapshot-job/{snapshotId}");

    /// <summary>The resume reminder of a job grain (<c>snapshot-job/…</c>, <c>compaction-job/…</c>) in the cluster's reminder table.</summary>
    private Task<ReminderRecord?> ReminderAsync(string grainId)
    {
        var services = cluster.B.App.Services;
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        return services.GetRequiredService<IReminderStore>().ReadReminderAsync(serviceId, grainId, "resume", CancellationToken.None);
    }

    /// <summary>A body that is not one JSON value (ActorsClient would parse it as one).</summary>
    private static async Task<string> NdjsonAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<JsonObject> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
}
