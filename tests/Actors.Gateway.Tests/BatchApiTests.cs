using System.Net;
using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>The batch endpoint as PROTOCOL.md describes it, over real HTTP, on each store.</summary>
public abstract class BatchApiTests(SiloFixture silo)
{
    private const string CreateOrder = """{"type":"create","body":{"orderNumber":"1001","currency":"SEK"}}""";

    protected ActorsClient Api { get; } = new(silo.Http);

    protected static string NewId() => $"t-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_batch_answers_the_result_of_its_last_message_with_an_etag()
    {
        var id = NewId();

        var response = await Api.BatchAsync("order", id, $$$"""[{{{CreateOrder}}}, {"type":"addTag","body":{"key":"priority"}}]""");

        var result = response.Ok()!;
        Assert.True((bool)result["success"]!);
        Assert.Equal(1, (long)result["version"]!);
        Assert.True(Guid.TryParse((string?)result["checkpointId"], out _));
        Assert.Equal("\"1\"", response.ETag);
    }

    [Fact]
    public async Task Results_all_answers_every_message_in_order()
    {
        var id = NewId();

        var response = await Api.BatchAsync("order", id, $$$$"""[{{{{CreateOrder}}}}, {"type":"query","body":{"query":{"fields":["orderNumber","tags"]}}}]""", query: "?results=all");

        var results = response.Ok()!.AsArray();
        Assert.Equal(["create", "query"], results.Select(r => (string)r!["type"]!));
        Assert.Equal(results[0]!["result"]!["checkpointId"]!.ToString(), (await Api.CheckpointsAsync("order", id))[0]!["checkpointId"]!.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"orderNumber":"1001","tags":[]}"""), results[1]!["result"]));
    }

    [Fact]
    public async Task One_batch_is_one_checkpoint_and_a_read_only_batch_makes_none()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $$$"""[{{{CreateOrder}}}, {"type":"addTag","body":{"key":"a"}}, {"type":"addTag","body":{"key":"b"}}]""");
        await Api.BatchAsync("order", id, """[{"type":"query"}, {"type":"getActivityLog"}]""");

        var checkpoints = await Api.CheckpointsAsync("order", id);

        var only = Assert.Single(checkpoints);
        Assert.Equal(1, (long)only!["version"]!);
        Assert.Equal(["create", "addTag", "addTag"], only["metadata"]!["commands"]!.AsArray().Select(c => (string)c!["type"]!));
        Assert.Equal("b", (string)only["metadata"]!["commands"]![2]!["key"]!);
    }

    [Fact]
    public async Task A_failing_message_rejects_the_whole_batch_and_names_itself()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var response = await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}, {"type":"setOrderState","body":{"orderState":"completed"}}]""");

        var problem = response.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, (int)problem["messageIndex"]!);
        Assert.Equal("setOrderState", (string)problem["messageType"]!);
        Assert.Single(await Api.CheckpointsAsync("order", id));
        Assert.Empty((await Api.QueryAsync("order", id))["tags"]!.AsArray());
    }

    [Fact]
    public async Task Query_answers_exactly_the_asked_fields_and_navigates_edges()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $$$"""
            [{{{CreateOrder}}},
             {"type":"addOrderLine","body":{"orderLineId":"l1","sku":"A","quantity":2,"unitPrice":10.5}},
             {"type":"addDelivery","body":{"deliveryId":"d1"}}]
            """);

        var response = await Api.BatchAsync("order", id, """
            [{"type":"query","body":{"query":{"fields":["orderId","total"],
              "navigate":[{"edge":"lines","node":{"fields":["sku","total"]}},{"edge":"deliveries","node":{"fields":["deliveryState"]}}]}}}]
            """);

        var result = response.Ok()!.AsObject();
        Assert.Equal(["orderId", "total", "lines", "deliveries"], result.Select(p => p.Key));
        Assert.Equal(id, (string)result["orderId"]!);
        Assert.Equal(21m, (decimal)result["total"]!);
        var line = Assert.Single(result["lines"]!.AsArray())!.AsObject();
        Assert.Equal(["sku", "total"], line.Select(p => p.Key));
        Assert.Equal(21m, (decimal)line["total"]!);
        var delivery = Assert.Single(result["deliveries"]!.AsArray())!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"deliveryState":"pending"}"""), delivery));
    }

    [Fact]
    public async Task Query_without_fields_answers_every_scalar_field()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var state = await Api.QueryAsync("order", id);

        foreach (var field in new[] { "orderId", "orderState", "orderNumber", "currency", "total", "customerEmail", "tags", "version", "deleted" })
        {
            Assert.True(state.ContainsKey(field), $"missing {field}: {state}");
        }

        Assert.False(state.ContainsKey("lines"), "edges are only answered through navigate");
        Assert.Equal("open", (string)state["orderState"]!);
    }

    [Fact]
    public async Task GetCheckpoints_pages_with_limit_and_after()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        for (var i = 0; i < 4; i++)
        {
            await Api.BatchAsync("order", id, $$$"""[{"type":"addTag","body":{"key":"t{{{i}}}"}}]""");
        }

        var first = (await Api.BatchAsync("order", id, """[{"type":"getCheckpoints","body":{"limit":2}}]""")).Ok()!.AsArray();
        var after = (string)first[1]!["checkpointId"]!;
        var second = (await Api.BatchAsync("order", id, $$$"""[{"type":"getCheckpoints","body":{"limit":2,"after":"{{{after}}}"}}]""")).Ok()!.AsArray();

        Assert.Equal([1L, 2L], first.Select(c => (long)c!["version"]!));
        Assert.Equal([3L, 4L], second.Select(c => (long)c!["version"]!));
        var timestamps = first.Concat(second).Select(c => DateTimeOffset.Parse((string)c!["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
    }

    [Fact]
    public async Task Rewind_appends_a_checkpoint_restoring_the_old_state_and_logs_it()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"priority"}}, {"type":"addOrderLine","body":{"sku":"A","quantity":1,"unitPrice":5}}]""");
        await Api.BatchAsync("order", id, """[{"type":"setOrderState","body":{"orderState":"confirmed"}}]""");
        var first = (await Api.CheckpointsAsync("order", id))[0]!;

        var response = await Api.BatchAsync("order", id, $$$"""[{"type":"rewind","body":{"checkpointId":"{{{first["checkpointId"]}}}"}}]""");

        var result = response.Ok()!;
        Assert.True((bool)result["success"]!);
        Assert.Equal((string)first["checkpointId"]!, (string)result["checkpointId"]!);
        Assert.Equal((string)first["timestamp"]!, (string)result["timestamp"]!);
        Assert.Equal(2, (long)result["checkpointsAffected"]!);
        Assert.Equal("\"4\"", response.ETag);
        var state = await Api.QueryAsync("order", id);
        Assert.Equal("open", (string)state["orderState"]!);
        Assert.Empty(state["tags"]!.AsArray());
        Assert.Equal(0m, (decimal)state["total"]!);
        Assert.Equal(4, (long)state["version"]!);
        var checkpoints = await Api.CheckpointsAsync("order", id);
        Assert.Equal(4, checkpoints.Count);
        Assert.Equal("REWIND", (string)checkpoints[3]!["operation"]!);
        Assert.Equal((string)first["checkpointId"]!, (string)checkpoints[3]!["metadata"]!["rewind"]!["checkpointId"]!);
        Assert.Equal("rewind", (string)checkpoints[3]!["metadata"]!["commands"]![0]!["type"]!);
        var log = (await Api.BatchAsync("order", id, """[{"type":"getActivityLog","body":{}}]""")).Ok()!.AsArray();
        Assert.Equal($"Rewound order to checkpoint at {first["timestamp"]}", (string)log[^1]!["message"]!);
        Assert.Equal("admin", (string)log[^1]!["principal"]!);
    }

    [Fact]
    public async Task A_rewind_can_itself_be_rewound()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"keep"}}]""");
        await Api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":1}}]""");

        await Api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":2}}]""");

        var state = await Api.QueryAsync("order", id);
        Assert.Equal(["keep"], state["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(4, (long)state["version"]!);
    }

    [Fact]
    public async Task Rewind_by_time_and_by_fields_restores_only_what_was_asked()
    {
        var id = NewId();
        await Api.BatchAsync("ticket", id, """[{"type":"create","body":{"title":"Printer on fire","priority":"low"}}]""");
        var first = (await Api.CheckpointsAsync("ticket", id))[0]!;
        await Api.BatchAsync("ticket", id, """[{"type":"setPriority","body":{"priority":"urgent"}}, {"type":"assign","body":{"assignee":"kim"}}]""");

        var rewound = await Api.BatchAsync("ticket", id, $$$"""[{"type":"rewind","body":{"at":"{{{first["timestamp"]}}}","fields":["priority"],"reason":"wrong priority"}}]""");

        Assert.Equal(1, (long)rewound.Ok()!["checkpointsAffected"]!);
        Assert.Equal("wrong priority", (string)(await Api.CheckpointsAsync("ticket", id))[^1]!["reason"]!);

        var state = await Api.QueryAsync("ticket", id);
        Assert.Equal("low", (string)state["priority"]!);
        Assert.Equal("kim", (string)state["assignee"]!);
    }

    [Fact]
    public async Task Rewinding_only_the_lines_keeps_the_order_total_consistent_with_them()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        await Api.BatchAsync("order", id, """[{"type":"addOrderLine","body":{"orderLineId":"a","sku":"A","quantity":3,"unitPrice":10}}]""");
        await Api.BatchAsync("order", id, """[{"type":"addOrderLine","body":{"orderLineId":"b","sku":"B","quantity":1,"unitPrice":7}}, {"type":"addTag","body":{"key":"late"}}]""");

        (await Api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":2,"fields":["lines"]}}]""")).Ok();

        var state = await Api.QueryAsync("order", id);
        Assert.Equal(30m, (decimal)state["total"]!);
        Assert.Equal(["late"], state["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task A_wrong_value_type_says_what_the_field_must_be()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var problem = (await Api.BatchAsync("order", id, """[{"type":"addOrderLine","body":{"sku":"A","quantity":"two","unitPrice":1}}]""")).Problem(HttpStatusCode.BadRequest);

        Assert.Contains("field 'quantity' must be an integer", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_null_required_field_is_a_400_naming_it()
    {
        var id = NewId();

        var noCurrency = (await Api.BatchAsync("order", id, """[{"type":"create","body":{"orderNumber":"1"}}]""")).Problem(HttpStatusCode.BadRequest);
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        var noQuantity = (await Api.BatchAsync("order", id, """[{"type":"addOrderLine","body":{"sku":"A","unitPrice":1}}]""")).Problem(HttpStatusCode.BadRequest);
        var nullPrice = (await Api.BatchAsync("order", id, """[{"type":"addOrderLine","body":{"sku":"A","quantity":1,"unitPrice":null}}]""")).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("Field 'currency' is required.", (string?)noCurrency["detail"]);
        Assert.Equal("Field 'quantity' is required.", (string?)noQuantity["detail"]);
        Assert.Equal("Field 'unitPrice' is required.", (string?)nullPrice["detail"]);
        Assert.Single(await Api.CheckpointsAsync("order", id));
    }

    [Fact]
    public async Task Preview_rewind_then_query_shows_the_old_state_and_persists_nothing()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        await Api.BatchAsync("order", id, """[{"type":"addDelivery","body":{"deliveryId":"d1"}}, {"type":"setOrderState","body":{"orderState":"confirmed"}}]""");
        var first = (string)(await Api.CheckpointsAsync("order", id))[0]!["checkpointId"]!;
        var before = await Api.QueryAsync("order", id);
        var logBefore = (await Api.BatchAsync("order", id, """[{"type":"getActivityLog"}]""")).Ok()!;

        var response = await Api.BatchAsync("order", id, $$$$"""
            [{"type":"rewind","body":{"checkpointId":"{{{{first}}}}"}},
             {"type":"query","body":{"query":{"fields":["orderId","orderState"],"navigate":[{"edge":"deliveries","node":{"fields":["deliveryId","deliveryState"]}}]}}}]
            """, TestTokens.Support, "?preview");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""{"orderId":"{{{id}}}","orderState":"open","deliveries":[]}"""), response.Ok()), response.Raw);
        Assert.Equal("\"2\"", response.ETag);
        Assert.True(JsonNode.DeepEquals(before, await Api.QueryAsync("order", id)));
        Assert.Equal(2, (await Api.CheckpointsAsync("order", id)).Count);
        Assert.True(JsonNode.DeepEquals(logBefore, (await Api.BatchAsync("order", id, """[{"type":"getActivityLog"}]""")).Ok()));
    }

    [Fact]
    public async Task Preview_commands_see_each_other_and_vanish()
    {
        var id = NewId();
        await Api.BatchAsync("sku", id, """[{"type":"create","body":{"skuNumber":"S-1","name":"Bolt","price":2,"currency":"EUR"}}]""");

        var response = await Api.BatchAsync("sku", id, """
            [{"type":"adjustStock","body":{"delta":5}}, {"type":"adjustStock","body":{"delta":-3}}, {"type":"query","body":{"query":{"fields":["stock"]}}}]
            """, TestTokens.Admin, "?preview");

        Assert.Equal(2, (int)response.Ok()!["stock"]!);
        Assert.Equal(0, (int)(await Api.QueryAsync("sku", id))["stock"]!);
    }

    [Fact]
    public async Task The_seed_preview_example_with_malformed_json_is_a_400_naming_the_json_error()
    {
        var id = NewId();
        const string Seed = """[{ "type": "rewind", "body": { "checkpointId": "a1b2c3d4-e5f6-7890-abcd-ef1234567890" }},{ "type": "query", "body": { "query": { "fields": ["orderId", "orderNumber", "orderState", "total"], "navigate: [{ "edge": "deliveries", "node": { "fields": ["deliveryId", "deliveryState"] } }] } }}]""";

        var response = await Api.BatchAsync("order", id, Seed, TestTokens.Support, "?preview");

        var problem = response.Problem(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"type":"frobnicate"}]""", "frobnicate")]
    [InlineData("""[{"type":"query","body":{"query":{"fields":["nope"]}}}]""", "nope")]
    [InlineData("""[{"type":"addTag","body":{"key":"x","colour":"red"}}]""", "colour")]
    [InlineData("""[{"type":"query","body":{"query":{"navigate":[{"edge":"parcels"}]}}}]""", "parcels")]
    [InlineData("""[{"type":"addOrderLine","body":{"sku":"A","quantity":"two","unitPrice":1}}]""", "quantity")]
    [InlineData("""[{"type":"rewind","body":{"checkpointId":"not-a-guid"}}]""", "checkpointId")]
    [InlineData("""[{"type":"addTag","body":[]}]""", "body")]
    [InlineData("""[{"body":{}}]""", "type")]
    public async Task Bad_messages_are_400s_that_name_the_problem(string batch, string named)
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var problem = (await Api.BatchAsync("order", id, batch)).Problem(HttpStatusCode.BadRequest);

        Assert.Contains(named, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int)problem["messageIndex"]!);
        Assert.NotNull(problem["messageType"]);
        Assert.Single(await Api.CheckpointsAsync("order", id));
    }

    [Theory]
    [InlineData("{}", "array")]
    [InlineData("[]", "empty")]
    [InlineData("[1]", "object")]
    [InlineData("nul", "JSON")]
    public async Task A_body_that_is_not_a_batch_is_a_400(string body, string named)
    {
        var problem = (await Api.BatchAsync("order", NewId(), body)).Problem(HttpStatusCode.BadRequest);

        Assert.Contains(named, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_actor_type_is_404_and_an_invalid_id_is_400()
    {
        (await Api.BatchAsync("invoice", NewId(), """[{"type":"query"}]""")).Problem(HttpStatusCode.NotFound);
        (await Api.BatchAsync("order", "bad%20id", """[{"type":"query"}]""")).Problem(HttpStatusCode.BadRequest);
        (await Api.BatchAsync("order", new string('x', 129), """[{"type":"query"}]""")).Problem(HttpStatusCode.BadRequest);
        (await Api.BatchAsync("order", new string('x', 128), $"[{CreateOrder}]")).Ok();
    }

    [Fact]
    public async Task Existence_rules_give_404_409_and_410()
    {
        var id = NewId();
        (await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Problem(HttpStatusCode.NotFound);
        (await Api.BatchAsync("order", id, """[{"type":"query"}]""")).Problem(HttpStatusCode.NotFound);
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");
        (await Api.BatchAsync("order", id, $"[{CreateOrder}]")).Problem(HttpStatusCode.Conflict);

        (await Api.BatchAsync("order", id, """[{"type":"delete","body":{}}]""")).Ok();
        (await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Problem(HttpStatusCode.Gone);
        (await Api.BatchAsync("order", id, """[{"type":"query"}]""")).Problem(HttpStatusCode.Gone);
        Assert.Equal(2, (await Api.CheckpointsAsync("order", id)).Count);

        (await Api.BatchAsync("order", id, """[{"type":"undelete"}]""")).Ok();
        Assert.False((bool)(await Api.QueryAsync("order", id))["deleted"]!);
    }

    [Fact]
    public async Task Rewind_to_an_unknown_checkpoint_is_404()
    {
        var id = NewId();
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var problem = (await Api.BatchAsync("order", id, $$$"""[{"type":"rewind","body":{"checkpointId":"{{{Guid.NewGuid()}}}"}}]""")).Problem(HttpStatusCode.NotFound);

        Assert.Equal("rewind", (string)problem["messageType"]!);
        (await Api.BatchAsync("order", id, """[{"type":"rewind","body":{"version":7}}]""")).Problem(HttpStatusCode.NotFound);
        (await Api.BatchAsync("order", id, """[{"type":"rewind","body":{"at":"2001-01-01T00:00:00Z"}}]""")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task If_match_guards_against_lost_updates()
    {
        var id = NewId();
        var created = await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var ok = await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"a"}}]""", headers: new Dictionary<string, string> { ["If-Match"] = created.ETag! });
        var stale = await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"b"}}]""", headers: new Dictionary<string, string> { ["If-Match"] = created.ETag! });

        Assert.Equal("\"2\"", ok.ETag);
        Assert.Contains("version 2", (string)stale.Problem(HttpStatusCode.PreconditionFailed)["detail"]!, StringComparison.Ordinal);
        (await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"c"}}]""", headers: new Dictionary<string, string> { ["If-Match"] = "banana" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(2, (await Api.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task An_idempotency_key_applies_a_batch_once_and_refuses_reuse_for_another_batch()
    {
        var id = NewId();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        await Api.BatchAsync("order", id, $"[{CreateOrder}]");

        var first = await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"once"}}]""", headers: key);
        var repeat = await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"once"}}]""", headers: key);
        var reused = await Api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"other"}}]""", headers: key);

        Assert.True(JsonNode.DeepEquals(first.Ok(), repeat.Ok()));
        reused.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, (await Api.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_oversized_batches_are_413()
    {
        var id = NewId();
        (await Api.PostAsync($"/resources/actors/order/{id}", "[]", contentType: "text/plain")).Problem(HttpStatusCode.UnsupportedMediaType);

        var tooMany = "[" + string.Join(",", Enumerable.Repeat("""{"type":"query"}""", 101)) + "]";
        (await Api.BatchAsync("order", id, tooMany)).Problem(HttpStatusCode.RequestEntityTooLarge);

        var huge = $$$"""[{"type":"addTag","body":{"key":"{{{new string('x', 1_100_000)}}}"}}]""";
        (await Api.BatchAsync("order", id, huge)).Problem(HttpStatusCode.RequestEntityTooLarge);

        var deep = "[" + new string('[', 100) + new string(']', 100) + "]";
        (await Api.BatchAsync("order", id, deep)).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_says_live_and_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/health/live", null)).Status);
        var ready = await Api.GetAsync("/health/ready", null);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("ready", (string)ready.Json["status"]!);
        Assert.Equal("healthy", (string?)ready.Json["checks"]!["storage"]!["status"]);
        Assert.Equal("healthy", (string?)ready.Json["checks"]!["cluster"]!["status"]);
        Assert.Equal("healthy", (string?)ready.Json["checks"]!["stopping"]!["status"]);
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqliteBatchApiTests(SqliteSiloFixture silo) : BatchApiTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresBatchApiTests(PostgresSiloFixture silo) : BatchApiTests(silo);
