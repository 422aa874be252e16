using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>
/// The MCP endpoint over real HTTP, driven by the C# SDK's client as an agent would: every tool answers what the REST API
/// answers, with the caller's permissions, masking and audit.
/// </summary>
public abstract class McpTests(SiloFixture silo)
{
    private const string CreatePayment = """[{"type":"create","body":{"amount":100,"currency":"SEK","cardNumber":"4111 1111 1111 1234"}}]""";

    private readonly ActorsClient _api = new(silo.Http);

    private static string NewId() => $"mcp-{Guid.NewGuid():N}";

    private Task<McpAgent> AgentAsync(string? token = TestTokens.Admin) => McpAgent.ConnectAsync(silo.BaseAddress, token);

    /// <summary>An order at version 3: created; tagged "x"; confirmed. Sent over REST.</summary>
    private async Task<string> ThreeVersionOrderAsync()
    {
        var id = NewId();
        (await _api.BatchAsync("order", id, """[{"type":"create","body":{"orderNumber":"7","currency":"SEK"}},{"type":"addOrderLine","body":{"sku":"T","quantity":2,"unitPrice":10}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Ok();
        (await _api.BatchAsync("order", id, """[{"type":"setOrderState","body":{"orderState":"confirmed"}}]""")).Ok();
        return id;
    }

    private async Task<JsonNode?> RestAsync(string type, string id, string message, string body, string token = TestTokens.Admin) =>
        (await _api.BatchAsync(type, id, $$$"""[{"type":"{{{message}}}","body":{{{body}}}}]""", token)).Ok();

    [Fact]
    public async Task Tools_list_offers_every_tool_with_a_description_and_its_required_arguments()
    {
        await using var agent = await AgentAsync();

        var tools = (await agent.ToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(["checkpoints", "diff", "fetch", "history", "preview", "rewind", "search"], tools.Keys.Order(StringComparer.Ordinal));
        string[] Required(string tool) => [.. tools[tool].JsonSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!)];
        Assert.Equal(["type", "id"], Required("fetch"));
        Assert.Equal(["type", "id", "from", "to"], Required("diff"));
        Assert.Equal(["type", "id", "messages"], Required("preview"));
        Assert.Equal(["type", "id", "to", "reason"], Required("rewind"));
        Assert.All(tools.Values, t => Assert.Contains("actors/<type>:", t.Description, StringComparison.Ordinal));
        Assert.All(tools.Values, t => Assert.All(t.JsonSchema.GetProperty("properties").EnumerateObject(), p => Assert.True(p.Value.TryGetProperty("description", out _), $"{t.Name}.{p.Name} has no description")));
        Assert.Contains("order, payment, ticket, asset or sku", tools["fetch"].JsonSchema.GetProperty("properties").GetProperty("type").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("checkpoint", agent.Instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewind_is_offered_only_to_tokens_that_may_rewind()
    {
        await using var reader = await AgentAsync(TestTokens.Reader);
        await using var support = await AgentAsync(TestTokens.Support);
        await using var rewinder = await AgentAsync(TestTokens.OrderRewinder);

        Assert.DoesNotContain("rewind", (await reader.ToolsAsync()).Select(t => t.Name));
        Assert.DoesNotContain("rewind", (await support.ToolsAsync()).Select(t => t.Name));
        Assert.Contains("rewind", (await rewinder.ToolsAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task Fetch_answers_the_actor_now_and_as_of_a_version_a_checkpoint_or_a_time_as_REST_does()
    {
        var id = await ThreeVersionOrderAsync();
        var checkpoints = await _api.CheckpointsAsync("order", id);
        await using var agent = await AgentAsync(TestTokens.Reader);

        var now = (await agent.CallAsync("fetch", new { type = "order", id })).Ok()!;
        var byVersion = (await agent.CallAsync("fetch", new { type = "order", id, asOf = "2" })).Ok();
        var byCheckpoint = (await agent.CallAsync("fetch", new { type = "order", id, asOf = (string)checkpoints[1]!["checkpointId"]! })).Ok();
        var byTime = (await agent.CallAsync("fetch", new { type = "order", id, asOf = (string)checkpoints[1]!["timestamp"]! })).Ok();
        var before = (await agent.CallAsync("fetch", new { type = "order", id, asOf = "2001-01-01T00:00:00Z" })).Ok();

        Assert.Equal(("confirmed", 3L), ((string?)now["orderState"], (long)now["version"]!));
        Assert.Single(now["lines"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(await RestAsync("order", id, "getState", """{"version":2}""", TestTokens.Reader), byVersion));
        Assert.True(JsonNode.DeepEquals(byVersion, byCheckpoint));
        Assert.True(JsonNode.DeepEquals(byVersion, byTime));
        Assert.Equal(["x"], byVersion!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Null(before);
    }

    [Fact]
    public async Task Checkpoints_history_and_diff_answer_what_the_REST_messages_answer()
    {
        var id = await ThreeVersionOrderAsync();
        await using var agent = await AgentAsync(TestTokens.Reader);

        var checkpoints = (await agent.CallAsync("checkpoints", new { type = "order", id })).Ok();
        var firstTwo = (await agent.CallAsync("checkpoints", new { type = "order", id, limit = 2 })).Ok();
        var history = (await agent.CallAsync("history", new { type = "order", id, limit = 2, offset = 1 })).Ok();
        var diff = (await agent.CallAsync("diff", new { type = "order", id, from = "1", to = "3" })).Ok();

        Assert.True(JsonNode.DeepEquals(await RestAsync("order", id, "getCheckpoints", "{}"), checkpoints));
        Assert.Equal([1L, 2L], firstTwo!.AsArray().Select(c => (long)c!["version"]!));
        Assert.True(JsonNode.DeepEquals(await RestAsync("order", id, "getHistory", """{"limit":2,"offset":1}"""), history));
        Assert.True(JsonNode.DeepEquals(await RestAsync("order", id, "diff", """{"from":1,"to":3}"""), diff));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"from":"open","to":"confirmed"}"""), diff!["changed"]!["orderState"]));
    }

    [Fact]
    public async Task Search_finds_events_by_wildcard_type_actor_and_principal_and_actors_as_they_were_with_where()
    {
        var id = await ThreeVersionOrderAsync();
        await using var agent = await AgentAsync(TestTokens.Reader);

        var events = (await agent.CallAsync("search", new { type = "Order.*", actorType = "order", actorId = id, principal = "admin" })).Ok()!;
        var tagged = (await agent.CallAsync("search", new { type = "Order.TagAdded", actorType = "order", actorId = id })).Ok()!;
        var nobody = (await agent.CallAsync("search", new { type = "Order.*", actorType = "order", actorId = id, principal = "nobody" })).Ok()!;
        var versionTwo = (long)Assert.Single(tagged["data"]!.AsArray())!["globalVersion"]!;
        var thenOpen = (await agent.CallAsync("search", new { kind = "actors", actorType = "order", atVersion = versionTwo, where = new { orderState = "open", tags = "x" } })).Ok()!;
        var nowOpen = (await agent.CallAsync("search", new { kind = "actors", actorType = "order", where = new { orderState = "open", tags = "x" } })).Ok()!;

        Assert.Equal(["Order.Created", "Order.LineAdded", "Order.TagAdded", "Order.StateChanged"], events["data"]!.AsArray().Select(e => (string)e!["type"]!));
        Assert.Empty(nobody["data"]!.AsArray());
        Assert.Contains(id, thenOpen["data"]!.AsArray().Select(a => (string)a!["orderId"]!));
        Assert.DoesNotContain(id, nowOpen["data"]!.AsArray().Select(a => (string)a!["orderId"]!));
    }

    [Fact]
    public async Task Preview_answers_each_result_and_the_pending_changes_and_keeps_nothing()
    {
        var id = await ThreeVersionOrderAsync();
        await using var agent = await AgentAsync(TestTokens.Support);

        var rewound = (await agent.CallAsync("preview", new
        {
            type = "order",
            id,
            messages = JsonNode.Parse("""[{"type":"rewind","body":{"version":1}},{"type":"query","body":{"query":{"fields":["orderState","tags"]}}}]"""),
        })).Ok()!;

        Assert.Equal(["rewind", "query"], rewound["results"]!.AsArray().Select(r => (string)r!["type"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"orderState":"open","tags":[]}"""), rewound["results"]![1]!["result"]));
        var paths = rewound["pendingChanges"]!.AsArray().Select(c => (string)c!["path"]!).ToList();
        Assert.Contains("/orderState", paths);
        Assert.Contains("/tags", paths);
        Assert.Equal(3, (long)rewound["version"]!);
        Assert.Equal(3, (await _api.CheckpointsAsync("order", id)).Count);
        Assert.Equal("confirmed", (string?)(await _api.QueryAsync("order", id))["orderState"]);
    }

    [Fact]
    public async Task An_agents_preview_leaves_the_audit_entry_a_REST_preview_leaves()
    {
        var id = await ThreeVersionOrderAsync();
        await using var agent = await AgentAsync(TestTokens.Support);

        (await agent.CallAsync("preview", new { type = "order", id, messages = JsonNode.Parse("""[{"type":"rewind","body":{"version":1}},{"type":"query"}]""") })).Ok();

        var audit = (await _api.GetAsync($"/resources/audit?actorType=order&actorId={id}&operation=preview")).Ok()!["data"]!.AsArray();
        var entry = Assert.Single(audit)!;
        Assert.Equal("support", (string?)entry["principal"]);
        Assert.Equal(1, (long)entry["target"]!["rewind"]!["version"]!);
        Assert.Equal(["rewind", "query", "getPendingChanges"], entry["target"]!["messages"]!.AsArray().Select(m => (string)m!));
    }

    [Fact]
    public async Task Rewind_needs_the_rewind_permission_and_a_reason_and_is_a_checkpoint_with_that_reason()
    {
        var id = await ThreeVersionOrderAsync();
        await using var support = await AgentAsync(TestTokens.Support);
        await using var rewinder = await AgentAsync(TestTokens.OrderRewinder);

        var denied = (await support.CallAsync("rewind", new { type = "order", id, to = "1", reason = "try" })).Problem(403);
        var missing = (await rewinder.CallAsync("rewind", new { type = "order", id, to = "1" })).Problem(400);
        var blank = (await rewinder.CallAsync("rewind", new { type = "order", id, to = "1", reason = "  " })).Problem(400);
        var stale = (await rewinder.CallAsync("rewind", new { type = "order", id, to = "1", reason = "late", expectedVersion = 2 })).Problem(412);
        var rewound = (await rewinder.CallAsync("rewind", new { type = "order", id, to = "1", reason = "tag added by mistake" })).Ok()!;

        Assert.Equal("actors/order:rewind", (string?)denied["permission"]);
        Assert.Contains("'reason'", (string?)missing["detail"], StringComparison.Ordinal);
        Assert.Contains("'reason'", (string?)blank["detail"], StringComparison.Ordinal);
        Assert.Equal("urn:actors:problem:precondition-failed", (string?)stale["type"]);
        Assert.Equal((true, 2L, 4L), ((bool)rewound["success"]!, (long)rewound["checkpointsAffected"]!, (long)rewound["version"]!));
        var checkpoints = await _api.CheckpointsAsync("order", id);
        Assert.Equal(4, checkpoints.Count);
        Assert.Equal(("REWIND", "order-rewinder", "tag added by mistake"), ((string?)checkpoints[3]!["operation"], (string?)checkpoints[3]!["principal"], (string?)checkpoints[3]!["reason"]));
        var audit = (await _api.GetAsync($"/resources/audit?actorType=order&actorId={id}&operation=rewind")).Ok()!["data"]!.AsArray();
        Assert.Equal("tag added by mistake", (string?)Assert.Single(audit)!["reason"]);
    }

    [Fact]
    public async Task A_token_without_permissions_on_the_type_gets_403_problems_from_every_tool()
    {
        var id = await ThreeVersionOrderAsync();
        await using var agent = await AgentAsync(TestTokens.TicketOnly);
        var calls = new (string Tool, object Arguments)[]
        {
            ("fetch", new { type = "order", id }),
            ("fetch", new { type = "order", id, asOf = "1" }),
            ("checkpoints", new { type = "order", id }),
            ("history", new { type = "order", id }),
            ("diff", new { type = "order", id, from = "1", to = "2" }),
            ("search", new { type = "Order.*" }),
            ("search", new { kind = "actors", actorType = "order" }),
            ("preview", new { type = "order", id, messages = JsonNode.Parse("""[{"type":"addTag","body":{"key":"y"}}]""") }),
            ("rewind", new { type = "order", id, to = "1", reason = "no" }),
        };

        foreach (var (tool, arguments) in calls)
        {
            var problem = (await agent.CallAsync(tool, arguments)).Problem(403);
            Assert.Equal("urn:actors:problem:forbidden", (string?)problem["type"]);
            Assert.StartsWith("actors/order:", (string?)problem["permission"], StringComparison.Ordinal);
        }

        Assert.Equal(3, (await _api.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task Without_a_token_the_transport_answers_401_with_the_REST_problem()
    {
        var connect = await Assert.ThrowsAnyAsync<Exception>(() => McpAgent.ConnectAsync(silo.BaseAddress, null));
        Assert.Contains("401", connect.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => McpAgent.ConnectAsync(silo.BaseAddress, "not-a-token-at-all"));

        var raw = await _api.PostAsync("/mcp", """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", token: null);
        var problem = raw.Problem(HttpStatusCode.Unauthorized);
        var rest = (await _api.GetAsync("/resources/version", token: null)).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(((string?)rest["type"], (string?)rest["detail"]), ((string?)problem["type"], (string?)problem["detail"]));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_the_REST_415_problem_not_a_server_error()
    {
        foreach (var contentType in new[] { "text/plain", "application/json, text/plain" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""") };
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
            var answer = await _api.SendAsync(request, TestTokens.Admin, null);

            var problem = answer.Problem(HttpStatusCode.UnsupportedMediaType);
            Assert.Equal("urn:actors:problem:unsupported-media-type", (string?)problem["type"]);
            Assert.Contains("Content-Type must be application/json", (string?)problem["detail"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_request_whose_params_do_not_fit_its_method_is_a_400_problem_naming_the_field()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":5}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        var answer = await _api.SendAsync(request, TestTokens.Admin, null);

        var problem = answer.Problem(HttpStatusCode.BadRequest);
        Assert.Contains("protocolVersion", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_numbers_are_masked_for_a_token_without_pii_and_shown_with_it()
    {
        var id = NewId();
        (await _api.BatchAsync("payment", id, CreatePayment, TestTokens.Writer)).Ok();
        await using var reader = await AgentAsync(TestTokens.Reader);
        await using var pii = await AgentAsync(TestTokens.PaymentPii);

        var answers = new List<ToolAnswer>
        {
            await reader.CallAsync("fetch", new { type = "payment", id }),
            await reader.CallAsync("fetch", new { type = "payment", id, asOf = "1" }),
            await reader.CallAsync("checkpoints", new { type = "payment", id }),
            await reader.CallAsync("history", new { type = "payment", id }),
            await reader.CallAsync("search", new { type = "Payment.*", actorId = id }),
            await reader.CallAsync("search", new { kind = "actors", actorType = "payment", where = new { paymentId = id } }),
        };

        Assert.All(answers, a =>
        {
            a.Ok();
            Assert.DoesNotContain("1111", a.Text, StringComparison.Ordinal);
            Assert.Contains("****1234", a.Text, StringComparison.Ordinal);
        });
        var shown = (await pii.CallAsync("fetch", new { type = "payment", id })).Ok()!;
        Assert.Equal("4111111111111234", (string?)shown["cardNumber"]);
    }

    [Fact]
    public async Task Invalid_arguments_are_tool_errors_that_name_the_argument()
    {
        var id = await ThreeVersionOrderAsync();
        await using var agent = await AgentAsync();

        var missing = (await agent.CallAsync("fetch", new { type = "order" })).Problem(400);
        var wrongType = (await agent.CallAsync("history", new { type = "order", id, limit = "ten" })).Problem(400);
        var unknown = (await agent.CallAsync("diff", new { type = "order", id, from = "1", to = "2", since = "1" })).Problem(400);
        var badPoint = (await agent.CallAsync("fetch", new { type = "order", id, asOf = "yesterday" })).Problem(400);
        var spoofed = (await agent.CallAsync("fetch", new { type = "order", id, user = "someone-else" })).Problem(400);
        var badKind = (await agent.CallAsync("search", new { kind = "people" })).Problem(400);
        var unknownActor = (await agent.CallAsync("fetch", new { type = "order", id = NewId() })).Problem(404);
        var unknownType = (await agent.CallAsync("fetch", new { type = "invoice", id })).Problem(404);
        var badMessage = (await agent.CallAsync("preview", new { type = "order", id, messages = JsonNode.Parse("""[{"type":"fly"}]""") })).Problem(400);
        var notAMessage = (await agent.CallAsync("preview", new { type = "order", id, messages = JsonNode.Parse("""[{"type":"query"},7]""") })).Problem(400);
        var badMessageType = (await agent.CallAsync("preview", new { type = "order", id, messages = JsonNode.Parse("""[{"type":5}]""") })).Problem(400);

        Assert.Contains("'id'", (string?)missing["detail"], StringComparison.Ordinal);
        Assert.Contains("'limit'", (string?)wrongType["detail"], StringComparison.Ordinal);
        Assert.Contains("'since'", (string?)unknown["detail"], StringComparison.Ordinal);
        Assert.Contains("'asOf'", (string?)badPoint["detail"], StringComparison.Ordinal);
        Assert.Contains("'user'", (string?)spoofed["detail"], StringComparison.Ordinal);
        Assert.Contains("'kind'", (string?)badKind["detail"], StringComparison.Ordinal);
        Assert.Contains("does not exist", (string?)unknownActor["detail"], StringComparison.Ordinal);
        Assert.Contains("Known types", (string?)unknownType["detail"], StringComparison.Ordinal);
        Assert.Equal(("fly", 0), ((string?)badMessage["messageType"], (int)badMessage["messageIndex"]!));
        Assert.Contains("'messages[1]'", (string?)notAMessage["detail"], StringComparison.Ordinal);
        Assert.Contains("'messages[0].type'", (string?)badMessageType["detail"], StringComparison.Ordinal);
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqliteMcpTests(SqliteSiloFixture silo) : McpTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresMcpTests(PostgresSiloFixture silo) : McpTests(silo);
