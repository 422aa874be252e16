using System.Net;

namespace Actors.Gateway.Tests;

/// <summary>PROTOCOL.md's permission table: who may read, write, rewind, preview and see personal data.</summary>
public abstract class PermissionTests(SiloFixture silo)
{
    private const string CreatePayment = """[{"type":"create","body":{"amount":100,"currency":"SEK","cardNumber":"4111 1111 1111 1234"}}]""";

    private readonly ActorsClient _api = new(silo.Http);

    private static string NewId() => $"perm-{Guid.NewGuid():N}";

    private async Task<string> CreateOrderAsync()
    {
        var id = NewId();
        (await _api.BatchAsync("order", id, """[{"type":"create","body":{"currency":"SEK"}}]""")).Ok();
        return id;
    }

    [Fact]
    public async Task No_token_or_an_unknown_token_is_401()
    {
        var id = await CreateOrderAsync();

        var none = await _api.BatchAsync("order", id, """[{"type":"query"}]""", token: null);
        var unknown = await _api.BatchAsync("order", id, """[{"type":"query"}]""", token: "not-a-known-token");

        none.Problem(HttpStatusCode.Unauthorized);
        unknown.Problem(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("not-a-known-token", unknown.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestTokens.Reader, """[{"type":"query"}]""", "", null)]
    [InlineData(TestTokens.Reader, """[{"type":"getCheckpoints"}]""", "", null)]
    [InlineData(TestTokens.Reader, """[{"type":"getActivityLog"}]""", "", null)]
    [InlineData(TestTokens.Reader, """[{"type":"addTag","body":{"key":"x"}}]""", "", "actors/order:write")]
    [InlineData(TestTokens.Reader, """[{"type":"addTag","body":{"key":"x"}}]""", "?preview", "actors/order:write")]
    [InlineData(TestTokens.Reader, """[{"type":"rewind","body":{"version":1}}]""", "?preview", "actors/order:rewind:preview")]
    [InlineData(TestTokens.Support, """[{"type":"rewind","body":{"version":1}},{"type":"query"}]""", "?preview", null)]
    [InlineData(TestTokens.Support, """[{"type":"rewind","body":{"version":1}}]""", "", "actors/order:rewind")]
    [InlineData(TestTokens.Support, """[{"type":"addTag","body":{"key":"x"}}]""", "?preview", "actors/order:write")]
    [InlineData(TestTokens.Writer, """[{"type":"addTag","body":{"key":"x"}}]""", "", null)]
    [InlineData(TestTokens.Writer, """[{"type":"rewind","body":{"version":1}}]""", "?preview", "actors/order:rewind:preview")]
    [InlineData(TestTokens.OrderRewinder, """[{"type":"rewind","body":{"version":1}}]""", "", null)]
    [InlineData(TestTokens.OrderRewinder, """[{"type":"rewind","body":{"version":1}}]""", "?preview", null)]
    [InlineData(TestTokens.TicketOnly, """[{"type":"query"}]""", "", "actors/order:read")]
    [InlineData(TestTokens.Admin, """[{"type":"rewind","body":{"version":1}}]""", "", null)]
    public async Task Each_message_needs_its_permission(string token, string batch, string query, string? missing)
    {
        var id = await CreateOrderAsync();
        var checkpoints = (await _api.CheckpointsAsync("order", id)).Count;

        var response = await _api.BatchAsync("order", id, batch, token, query);

        if (missing is null)
        {
            response.Ok();
        }
        else
        {
            var problem = response.Problem(HttpStatusCode.Forbidden);
            Assert.Equal(missing, (string)problem["permission"]!);
            Assert.Contains(missing, (string)problem["detail"]!, StringComparison.Ordinal);
            Assert.Equal((await _api.CheckpointsAsync("order", id)).Count, checkpoints);
        }
    }

    [Fact]
    public async Task A_preview_only_principal_can_never_persist_a_change()
    {
        var id = await CreateOrderAsync();
        (await _api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"x"}}]""")).Ok();
        var before = await _api.QueryAsync("order", id);

        string[] attempts =
        [
            """[{"type":"rewind","body":{"version":1}}]""",
            """[{"type":"addTag","body":{"key":"y"}}]""",
            """[{"type":"delete"}]""",
            """[{"type":"rewind","body":{"version":1}},{"type":"removeTag","body":{"key":"x"}}]""",
        ];
        foreach (var batch in attempts)
        {
            await _api.BatchAsync("order", id, batch, TestTokens.Support);
            await _api.BatchAsync("order", id, batch, TestTokens.Support, "?preview");
            await _api.BatchAsync("order", id, batch, TestTokens.Support, "?preview=false");
        }

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(before, await _api.QueryAsync("order", id)));
        Assert.Equal(2, (await _api.CheckpointsAsync("order", id)).Count);
    }

    [Fact]
    public async Task Card_numbers_are_masked_without_pii_everywhere_they_appear()
    {
        var id = NewId();
        var created = await _api.BatchAsync("payment", id, CreatePayment, TestTokens.Writer, "?results=all");
        created.Ok();

        foreach (var (token, query) in new[] { (TestTokens.Reader, ""), (TestTokens.Support, "?preview"), (TestTokens.Writer, "") })
        {
            var answer = await _api.BatchAsync("payment", id, """[{"type":"query"},{"type":"getCheckpoints"},{"type":"getActivityLog"},{"type":"getState","body":{"version":1}}]""", token, query + (query.Length == 0 ? "?" : "&") + "results=all");
            answer.Ok();
            Assert.DoesNotContain("1111", answer.Raw, StringComparison.Ordinal);
            Assert.Contains("****1234", answer.Raw, StringComparison.Ordinal);
        }

        var withPii = await _api.BatchAsync("payment", id, """[{"type":"query"},{"type":"getCheckpoints"}]""", TestTokens.PaymentPii, "?results=all");
        Assert.Contains("411111111111", withPii.Ok()!.ToJsonString().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqlitePermissionTests(SqliteSiloFixture silo) : PermissionTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresPermissionTests(PostgresSiloFixture silo) : PermissionTests(silo);
