using System.Net;
using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>PROTOCOL.md's history messages and endpoints, over real HTTP, on each store.</summary>
public abstract class TimeTravelTests(SiloFixture silo)
{
    private readonly ActorsClient _api = new(silo.Http);

    private static string NewId() => $"tt-{Guid.NewGuid():N}";

    /// <summary>An order at version 3: created; tagged "x"; confirmed.</summary>
    private async Task<(string Id, JsonArray Checkpoints)> ThreeVersionOrderAsync()
    {
        var id = NewId();
        (await _api.BatchAsync("order", id, """[{"type":"create","body":{"orderNumber":"7","currency":"SEK"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"setOrderState","body":{"orderState":"confirmed"}}]""")).Ok();
        return (id, await _api.CheckpointsAsync("order", id));
    }

    private async Task<JsonNode?> OneAsync(string type, string id, string message, string body, string token = TestTokens.Admin) =>
        (await _api.BatchAsync(type, id, $$$$"""[{"type":"{{{{message}}}}","body":{{{{body}}}}}]""", token)).Ok();

    [Fact]
    public async Task GetState_answers_any_checkpoint_version_or_time_and_null_before_the_actor_existed()
    {
        var (id, checkpoints) = await ThreeVersionOrderAsync();

        var byVersion = await OneAsync("order", id, "getState", """{"version":1}""");
        var byCheckpoint = await OneAsync("order", id, "getState", $$$$"""{"checkpointId":"{{{{checkpoints[1]!["checkpointId"]}}}}"}""");
        var byTime = await OneAsync("order", id, "getState", $$$$"""{"asOf":"{{{{checkpoints[1]!["timestamp"]}}}}"}""");
        var before = await OneAsync("order", id, "getState", """{"asOf":"2001-01-01T00:00:00Z"}""");

        Assert.Empty(byVersion!["tags"]!.AsArray());
        Assert.Equal(1, (long)byVersion["version"]!);
        Assert.Equal(["x"], byCheckpoint!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("open", (string)byCheckpoint["orderState"]!);
        Assert.True(JsonNode.DeepEquals(byCheckpoint, byTime));
        Assert.Null(before);
    }

    [Fact]
    public async Task GetHistory_lists_old_and_new_values_oldest_first_with_a_total()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        var page = (await OneAsync("order", id, "getHistory", """{"limit":2,"offset":0}"""))!;
        var next = (await OneAsync("order", id, "getHistory", """{"limit":2,"offset":2}"""))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"limit":2,"offset":0,"total":3}"""), page["pagination"]));
        var entries = page["data"]!.AsArray();
        Assert.Equal(["CREATE", "UPDATE"], entries.Select(e => (string)e!["operation"]!));
        Assert.Null(entries[0]!["oldValue"]);
        Assert.Equal("7", (string)entries[0]!["newValue"]!["orderNumber"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"tags":[]}"""), entries[1]!["oldValue"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"tags":["x"]}"""), entries[1]!["newValue"]));
        Assert.Equal("admin", (string)entries[1]!["principal"]!);
        var last = Assert.Single(next["data"]!.AsArray())!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"orderState":"confirmed"}"""), last["newValue"]));
        Assert.Equal(3, (long)last["version"]!);
    }

    [Fact]
    public async Task Diff_between_any_two_points_names_what_changed()
    {
        var (id, checkpoints) = await ThreeVersionOrderAsync();

        var byVersion = await OneAsync("order", id, "diff", """{"from":1,"to":3}""");
        var mixed = await OneAsync("order", id, "diff", $$$$"""{"from":"{{{{checkpoints[0]!["checkpointId"]}}}}","to":"{{{{checkpoints[2]!["timestamp"]}}}}"}""");
        var fromNothing = await OneAsync("order", id, "diff", """{"from":"2001-01-01T00:00:00Z","to":1}""");
        var overGet = await _api.GetAsync($"/resources/actors/order/{id}/diff?from=1&to=3");

        var expected = JsonNode.Parse("""
            {"added":{},"changed":{"orderState":{"from":"open","to":"confirmed"},"tags":{"from":[],"to":["x"]}},"removed":{}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, byVersion), byVersion!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, mixed));
        Assert.True(JsonNode.DeepEquals(expected, overGet.Ok()));
        Assert.Equal("7", (string)fromNothing!["added"]!["orderNumber"]!);
        (await _api.BatchAsync("order", id, """[{"type":"diff","body":{"from":true,"to":1}}]""")).Problem(HttpStatusCode.BadRequest);
        (await _api.BatchAsync("order", id, """[{"type":"diff","body":{"from":1,"to":9}}]""")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetPendingChanges_tells_a_preview_what_the_batch_would_do()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        var pending = await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"y"}},{"type":"getPendingChanges"}]""", query: "?preview");

        var expected = JsonNode.Parse("""[{"path":"/tags","operation":"replace","before":["x"],"after":["x","y"]}]""");
        Assert.True(JsonNode.DeepEquals(expected, pending.Ok()), pending.Raw);
        Assert.Equal(3, (await _api.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task History_over_get_pages_and_answers_a_state_at_a_time()
    {
        var (id, checkpoints) = await ThreeVersionOrderAsync();

        var page = (await _api.GetAsync($"/resources/actors/order/{id}/history?limit=1&offset=1")).Ok()!;
        var at = (await _api.GetAsync($"/resources/actors/order/{id}/history?at={Uri.EscapeDataString((string)checkpoints[0]!["timestamp"]!)}")).Ok()!;

        Assert.Equal(2, (long)page["data"]![0]!["version"]!);
        Assert.Equal(1, (long)at["version"]!);
        (await _api.GetAsync($"/resources/actors/order/{id}/history?limit=abc")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync($"/resources/actors/order/{id}/history?at=yesterday")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Restore_answers_201_with_the_old_state_records_its_reason_and_is_audited()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        (await _api.PostAsync($"/resources/actors/order/{id}/restore", """{"version":1,"reason":"x"}""", TestTokens.Support)).Problem(HttpStatusCode.Forbidden);
        var restored = await _api.PostAsync($"/resources/actors/order/{id}/restore", """{"version":1,"reason":"customer dispute"}""");

        Assert.Equal(HttpStatusCode.Created, restored.Status);
        Assert.Equal("open", (string)restored.Json["orderState"]!);
        Assert.Equal(4, (long)restored.Json["version"]!);
        Assert.Equal("\"4\"", restored.ETag);
        var history = (await OneAsync("order", id, "getHistory", """{"offset":3}"""))!["data"]![0]!;
        Assert.Equal("REWIND", (string)history["operation"]!);
        Assert.Equal("customer dispute", (string)history["reason"]!);
        var audit = (await _api.GetAsync($"/resources/audit?actorType=order&actorId={id}")).Ok()!["data"]!.AsArray();
        var entry = Assert.Single(audit, a => (string)a!["operation"]! == "restore")!;
        Assert.Equal("customer dispute", (string)entry["reason"]!);
        Assert.Equal(1, (long)entry["target"]!["rewind"]!["version"]!);

        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"restore-{id}" };
        var first = await _api.PostAsync($"/resources/actors/order/{id}/restore", """{"version":2,"reason":"retried"}""", headers: key);
        var repeat = await _api.PostAsync($"/resources/actors/order/{id}/restore", """{"version":2,"reason":"retried"}""", headers: key);
        Assert.Equal(HttpStatusCode.Created, repeat.Status);
        Assert.True(JsonNode.DeepEquals(first.Json, repeat.Json));
        Assert.Equal(5, (await _api.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task By_default_a_rewind_or_restore_without_a_reason_is_accepted_as_the_protocol_says()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        (await _api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":1}}]""")).Ok();
        var restored = await _api.PostAsync($"/resources/actors/order/{id}/restore", """{"version":2}""");

        Assert.Equal(HttpStatusCode.Created, restored.Status);
        var checkpoints = await _api.CheckpointsAsync("order", id);
        Assert.Equal(["REWIND", "REWIND"], checkpoints.Skip(3).Select(c => (string)c!["operation"]!));
        Assert.All(checkpoints, c => Assert.Null(c!["reason"]));
    }

    [Fact]
    public async Task A_preview_leaves_no_trace_in_history_but_one_in_the_audit_log()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        (await _api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":1}},{"type":"query"}]""", TestTokens.Support, "?preview")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":2,"reason":"undo confirm"}}]""")).Ok();

        var total = (long)(await OneAsync("order", id, "getHistory", "{}"))!["pagination"]!["total"]!;
        Assert.Equal(4, total);
        var audit = (await _api.GetAsync($"/resources/audit?actorType=order&actorId={id}")).Ok()!["data"]!.AsArray();
        Assert.Equal(["preview", "rewind"], audit.Select(a => (string)a!["operation"]!));
        Assert.Equal("support", (string)audit[0]!["principal"]!);
        Assert.Equal("undo confirm", (string)audit[1]!["reason"]!);
        var previews = (await _api.GetAsync($"/resources/audit?actorType=order&actorId={id}&operation=preview&principal=support")).Ok()!["data"]!.AsArray();
        Assert.Single(previews);
    }

    [Fact]
    public async Task Replay_streams_every_mutation_set_and_resumes_after_last_event_id()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        var all = await ReadEventsAsync($"/resources/actors/order/{id}/replay", null, 3);
        var resumed = await ReadEventsAsync($"/resources/actors/order/{id}/replay", "1", 2);
        var from = await ReadEventsAsync($"/resources/actors/order/{id}/replay?fromVersion=3", null, 1);

        Assert.Equal(["1", "2", "3"], all.Select(e => e.Id));
        Assert.Equal("CREATE", (string)all[0].Data["operation"]!);
        Assert.Equal("Order.TagAdded", (string)all[1].Data["events"]![0]!["type"]!);
        Assert.Equal(["2", "3"], resumed.Select(e => e.Id));
        Assert.Equal(["3"], from.Select(e => e.Id));
        (await _api.GetAsync($"/resources/actors/order/{NewId()}/replay")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Replay_with_follow_sends_each_new_mutation_set_as_it_commits()
    {
        var (id, _) = await ThreeVersionOrderAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/order/{id}/replay?follow=true&fromVersion=3");
        request.Headers.Authorization = new("Bearer", TestTokens.Admin);
        using var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var existing = await stream.NextAsync(cancel.Token);
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"live"}}]""")).Ok();
        var live = await stream.NextAsync(cancel.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3", existing.Id);
        Assert.Equal("4", live.Id);
        Assert.Equal("live", (string)live.Data["events"]![0]!["data"]!["key"]!);
    }

    [Fact]
    public async Task Events_across_actors_filter_by_type_actor_and_principal_and_page_with_a_cursor()
    {
        var (id, _) = await ThreeVersionOrderAsync();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"y"}},{"type":"addTag","body":{"key":"z"}}]""", TestTokens.Writer)).Ok();

        var tags = (await _api.GetAsync($"/resources/events?type=Order.TagAdded&actorId={id}")).Ok()!["data"]!.AsArray();
        var everything = (await _api.GetAsync($"/resources/events?type=Order.*&actorId={id}")).Ok()!["data"]!.AsArray();
        var byWriter = (await _api.GetAsync($"/resources/events?actorType=order&actorId={id}&principal=writer")).Ok()!["data"]!.AsArray();

        Assert.Equal(["x", "y", "z"], tags.Select(e => (string)e!["data"]!["key"]!));
        Assert.All(tags, e => Assert.Equal("Order.TagAdded", (string)e!["type"]!));
        Assert.Equal(["Order.Created", "Order.TagAdded", "Order.StateChanged", "Order.TagAdded", "Order.TagAdded"], everything.Select(e => (string)e!["type"]!));
        Assert.Equal(2, byWriter.Count);
        var globals = everything.Select(e => (long)e!["globalVersion"]!).ToList();
        Assert.Equal(globals.Order(), globals);

        var paged = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            var url = $"/resources/events?type=Order.*&actorId={id}&limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var answer = (await _api.GetAsync(url)).Ok()!;
            paged.AddRange(answer["data"]!.AsArray().Select(e => (string)e!["eventId"]!));
            cursor = (string?)answer["nextCursor"];
            if (!(bool)answer["hasMore"]!)
            {
                break;
            }
        }

        Assert.Equal(everything.Select(e => (string)e!["eventId"]!), paged);
        Assert.Empty((await _api.GetAsync("/resources/events?type=Order.TagAdded&actorType=payment")).Ok()!["data"]!.AsArray());
        (await _api.GetAsync("/resources/events?type=Invoice.*")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/resources/events?type=Order.Exploded")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/resources/events?after=soon")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/resources/events?actorType=order&cursor=MHxub3QtYS1jdXJzb3I")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/resources/audit?cursor=bm9wZQ")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/resources/events", TestTokens.TicketOnly)).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_global_version_grows_with_every_mutation_set_and_answers_for_a_time()
    {
        var before = (long)(await _api.GetAsync("/resources/version")).Ok()!["version"]!;
        var (id, checkpoints) = await ThreeVersionOrderAsync();
        var after = (long)(await _api.GetAsync("/resources/version")).Ok()!["version"]!;
        var atFirst = (await _api.GetAsync($"/resources/version?at={Uri.EscapeDataString((string)checkpoints[0]!["timestamp"]!)}")).Ok()!["version"];
        var never = (await _api.GetAsync("/resources/version?at=2001-01-01T00:00:00Z")).Ok()!["version"];

        Assert.True(after >= before + 3, $"{before} -> {after}");
        var firstEvent = (await _api.GetAsync($"/resources/events?actorType=order&actorId={id}&limit=1")).Ok()!["data"]![0]!;
        Assert.True((long)atFirst! >= (long)firstEvent["globalVersion"]!);
        Assert.Null(never);
    }

    [Fact]
    public async Task Listing_a_type_as_of_a_time_or_version_answers_every_actor_as_it_was()
    {
        var batch = Guid.NewGuid().ToString("N");
        var ids = new[] { $"sku-{batch}-a", $"sku-{batch}-b", $"sku-{batch}-c" };
        foreach (var id in ids)
        {
            (await _api.BatchAsync("sku", id, $$$$"""[{"type":"create","body":{"skuNumber":"{{{{batch}}}}","name":"n","price":10,"currency":"EUR"}}]""")).Ok();
        }

        var then = (long)(await _api.GetAsync("/resources/version")).Ok()!["version"]!;
        var thenTime = (string)(await _api.CheckpointsAsync("sku", ids[2]))[0]!["timestamp"]!;
        (await _api.BatchAsync("sku", ids[0], """[{"type":"setPrice","body":{"price":99}}]""")).Ok();

        var now = (await _api.GetAsync($"/resources/actors/sku?where.skuNumber={batch}")).Ok()!["data"]!.AsArray();
        var atVersion = (await _api.GetAsync($"/resources/actors/sku?atVersion={then}&where.skuNumber={batch}")).Ok()!["data"]!.AsArray();
        var asOf = (await _api.GetAsync($"/resources/actors/sku?asOf={Uri.EscapeDataString(thenTime)}&where.skuNumber={batch}&where.price=10")).Ok()!["data"]!.AsArray();
        var firstPage = (await _api.GetAsync($"/resources/actors/sku?where.skuNumber={batch}&limit=2")).Ok()!;
        var secondPage = (await _api.GetAsync($"/resources/actors/sku?where.skuNumber={batch}&limit=2&cursor={firstPage["nextCursor"]}")).Ok()!;

        Assert.Equal(ids, now.Select(s => (string)s!["skuId"]!));
        Assert.Equal(99m, (decimal)now[0]!["price"]!);
        Assert.Equal(10m, (decimal)atVersion[0]!["price"]!);
        Assert.Equal(ids, asOf.Select(s => (string)s!["skuId"]!));
        Assert.Equal(ids, firstPage["data"]!.AsArray().Concat(secondPage["data"]!.AsArray()).Select(s => (string)s!["skuId"]!));
        (await _api.GetAsync("/resources/actors/sku?where.colour=red")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/resources/actors/sku?asOf=2020-01-01T00:00:00Z&atVersion=3")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_compliance_snapshot_writes_every_actor_as_of_a_time_masked_unless_pii_and_is_audited()
    {
        var id = NewId();
        (await _api.BatchAsync("payment", id, """[{"type":"create","body":{"amount":10,"currency":"SEK","cardNumber":"4111111111119999"}}]""")).Ok();
        var at = (string)(await _api.CheckpointsAsync("payment", id))[0]!["timestamp"]!;

        var started = await _api.PostAsync("/resources/actors/payment/snapshots", $$$$"""{"at":"{{{{at}}}}","reason":"monthly archive"}""", TestTokens.Reader);
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var snapshotId = (string)started.Json["snapshotId"]!;
        var status = (await _api.GetAsync($"/resources/snapshots/{snapshotId}?waitSeconds=30", TestTokens.Reader)).Ok()!;
        var masked = await _api.GetAsync($"/resources/snapshots/{snapshotId}/data", TestTokens.Reader);
        var clear = await _api.GetAsync($"/resources/snapshots/{snapshotId}/data", TestTokens.PaymentPii);

        Assert.Equal("completed", (string)status["status"]!);
        Assert.True((long)status["count"]! >= 1);
        var line = masked.Raw.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal));
        Assert.Contains("****9999", line, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111119999", masked.Raw, StringComparison.Ordinal);
        Assert.Contains("4111111111119999", clear.Raw, StringComparison.Ordinal);
        var audit = (await _api.GetAsync($"/resources/audit?actorType=payment&principal=reader")).Ok()!["data"]!.AsArray();
        Assert.Contains(audit, a => (string)a!["operation"]! == "snapshot" && (string)a["target"]!["snapshotId"]! == snapshotId);
        Assert.Contains(audit, a => (string)a!["operation"]! == "export" && (string)a["target"]!["snapshotId"]! == snapshotId);
        (await _api.GetAsync("/resources/snapshots/snap-nope")).Problem(HttpStatusCode.NotFound);
        (await _api.PostAsync("/resources/actors/payment/snapshots", """{"reason":"no time"}""")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Card_numbers_stay_masked_in_every_history_answer_without_pii()
    {
        var id = NewId();
        (await _api.BatchAsync("payment", id, """[{"type":"create","body":{"amount":10,"currency":"SEK","cardNumber":"4111111111117777"}}]""")).Ok();
        (await _api.BatchAsync("payment", id, """[{"type":"authorize"}]""")).Ok();
        (await _api.BatchAsync("payment", id, """[{"type":"rewind","body":{"version":1}}]""")).Ok();

        var answers = new[]
        {
            (await _api.BatchAsync("payment", id, """[{"type":"getHistory"},{"type":"getState","body":{"version":1}},{"type":"diff","body":{"from":0,"to":2}}]""", TestTokens.Reader, "?results=all")).Raw,
            (await _api.GetAsync($"/resources/actors/payment/{id}/history", TestTokens.Reader)).Raw,
            (await _api.GetAsync($"/resources/actors/payment/{id}/diff?from=0&to=3", TestTokens.Reader)).Raw,
            (await _api.GetAsync($"/resources/events?actorType=payment&actorId={id}", TestTokens.Reader)).Raw,
            (await _api.GetAsync($"/resources/actors/payment?where.paymentId={id}", TestTokens.Reader)).Raw,
            string.Join("\n", (await ReadEventsAsync($"/resources/actors/payment/{id}/replay", null, 3, TestTokens.Reader)).Select(e => e.Data.ToJsonString())),
        };

        var pending = await _api.BatchAsync("payment", NewId(), """[{"type":"create","body":{"amount":10,"currency":"SEK","cardNumber":"4111111111117777"}},{"type":"getPendingChanges"}]""", TestTokens.Writer, "?preview");
        var diff = (await _api.GetAsync($"/resources/actors/payment/{id}/diff?from=0&to=1", TestTokens.Reader)).Ok()!;
        Assert.Equal("****7777", (string)diff["added"]!["cardNumber"]!);
        Assert.Contains(pending.Ok()!.AsArray(), c => (string)c!["path"]! == "/cardNumber" && (string)c["after"]! == "****7777");
        answers = [.. answers, pending.Raw];

        foreach (var answer in answers)
        {
            Assert.DoesNotContain("4111111111117777", answer, StringComparison.Ordinal);
            Assert.Contains("****7777", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task History_endpoints_need_read_and_restore_needs_rewind()
    {
        var (id, _) = await ThreeVersionOrderAsync();

        (await _api.GetAsync($"/resources/actors/order/{id}/history", TestTokens.TicketOnly)).Problem(HttpStatusCode.Forbidden);
        (await _api.GetAsync($"/resources/actors/order/{id}/replay", TestTokens.TicketOnly)).Problem(HttpStatusCode.Forbidden);
        (await _api.GetAsync($"/resources/actors/order", TestTokens.TicketOnly)).Problem(HttpStatusCode.Forbidden);
        (await _api.GetAsync($"/resources/audit", TestTokens.TicketOnly)).Problem(HttpStatusCode.Forbidden);
        (await _api.GetAsync($"/resources/actors/order/{id}/history", null)).Problem(HttpStatusCode.Unauthorized);
        (await _api.PostAsync($"/resources/actors/order/{id}/restore", """{"version":1,"reason":"r"}""", TestTokens.Reader)).Problem(HttpStatusCode.Forbidden);
        (await _api.GetAsync($"/resources/actors/order/{id}/history", TestTokens.Reader)).Ok();
    }

    private async Task<List<SseEvent>> ReadEventsAsync(string path, string? lastEventId, int count, string token = TestTokens.Admin)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<SseEvent>();
        while (events.Count < count)
        {
            events.Add(await reader.NextAsync(cancel.Token));
        }

        Assert.Null(await reader.NextOrEndAsync(cancel.Token));
        return events;
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqliteTimeTravelTests(SqliteSiloFixture silo) : TimeTravelTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresTimeTravelTests(PostgresSiloFixture silo) : TimeTravelTests(silo);
