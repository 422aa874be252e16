using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Gateway.Tests;

/// <summary>
/// <c>POST /resources/actors/{type}/{id}/erase</c> over real HTTP, on each store: after it no answer shows a personal value
/// written before, to any token (with <c>:pii</c> too), not even sealed; the database holds no such value in clear and no
/// key that opens one; the rest of the history stays, and personal values written after it are kept as before.
/// </summary>
public abstract class ErasureTests(SiloFixture silo)
{
    private const string FirstCard = "4111111111112468";
    private const string SecondCard = "4111111111113579";
    private const string Email = "ada.lovelace@example.com";

    private readonly ActorsClient _api = new(silo.Http);

    private static string NewId() => $"erase-{Guid.NewGuid():N}";

    /// <summary>A payment created with one card (idempotently, answering its state) whose card was then changed, then tagged.</summary>
    private async Task<(string Id, Dictionary<string, string> IdempotencyKey)> PaymentAsync()
    {
        var id = NewId();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"create-{id}" };
        (await _api.BatchAsync("payment", id, CreateAndQuery, TestTokens.Admin, headers: key)).Ok();
        (await _api.BatchAsync("payment", id, $$$"""[{"type":"setCardNumber","body":{"cardNumber":"{{{SecondCard}}}"}}]""")).Ok();
        (await _api.BatchAsync("payment", id, """[{"type":"addTag","body":{"key":"vip"}}]""")).Ok();
        return (id, key);
    }

    private static string CreateAndQuery =>
        $$$"""[{"type":"create","body":{"amount":100,"currency":"SEK","cardNumber":"{{{FirstCard}}}"}},{"type":"query"}]""";

    private Task<ApiResponse> EraseAsync(string type, string id, string body = """{"reason":"GDPR request"}""", string token = TestTokens.Eraser, string query = "") =>
        _api.PostAsync($"/resources/actors/{type}/{id}/erase{query}", body, token);

    [Fact]
    public async Task Erase_answers_the_erase_checkpoint_which_carries_the_principal_and_reason_and_is_audited()
    {
        var (id, _) = await PaymentAsync();

        var erased = (await EraseAsync("payment", id, """{"reason":"GDPR request 7"}""")).Ok()!;

        Assert.True((bool)erased["success"]!);
        Assert.Equal(4, (long)erased["version"]!);
        Assert.Equal(["cardNumber"], erased["erasedFields"]!.AsArray().Select(f => (string?)f));
        var checkpoint = (await _api.CheckpointsAsync("payment", id))[^1]!;
        Assert.Equal((string)erased["checkpointId"]!, (string)checkpoint["checkpointId"]!);
        Assert.Equal("ERASE", (string)checkpoint["operation"]!);
        Assert.Equal("dpo", (string)checkpoint["principal"]!);
        Assert.Equal("GDPR request 7", (string)checkpoint["reason"]!);
        var history = (await _api.GetAsync($"/resources/actors/payment/{id}/history", TestTokens.Reader)).Ok()!["data"]!.AsArray();
        Assert.Equal(["CREATE", "UPDATE", "UPDATE", "ERASE"], history.Select(h => (string)h!["operation"]!));
        var audit = (await _api.GetAsync($"/resources/audit?actorType=payment&actorId={id}&operation=erase")).Ok()!["data"]!.AsArray();
        var entry = Assert.Single(audit)!;
        Assert.Equal("dpo", (string)entry["principal"]!);
        Assert.Equal("GDPR request 7", (string)entry["reason"]!);
        Assert.Equal(id, (string)entry["actorId"]!);
    }

    [Fact]
    public async Task After_an_erasure_no_answer_shows_an_earlier_personal_value_even_with_pii()
    {
        var (id, idempotencyKey) = await PaymentAsync();
        var before = (string)(await _api.CheckpointsAsync("payment", id))[^1]!["timestamp"]!;
        var snapshotBefore = await CompletedSnapshotAsync(before);
        var clearBefore = await NdjsonAsync(snapshotBefore, TestTokens.PaymentPii);
        Assert.Contains(SecondCard, LineOf(clearBefore, id), StringComparison.Ordinal);

        (await EraseAsync("payment", id)).Ok();

        var snapshotAfter = await CompletedSnapshotAsync(before);
        var answers = new List<string>();
        foreach (var token in new[] { TestTokens.PaymentPii, TestTokens.Admin, TestTokens.Reader })
        {
            answers.Add((await _api.BatchAsync(
                "payment",
                id,
                $$$"""
                [{"type":"query"},{"type":"getCheckpoints"},{"type":"getActivityLog"},{"type":"getHistory","body":{"limit":100}},
                 {"type":"getState","body":{"version":1}},{"type":"getState","body":{"version":2}},{"type":"getState","body":{"version":3}},
                 {"type":"getState","body":{"asOf":"{{{before}}}"}},{"type":"diff","body":{"from":0,"to":3}},{"type":"diff","body":{"from":1,"to":2}}]
                """,
                token,
                "?results=all")).Ok()!.ToJsonString());
            answers.Add((await _api.GetAsync($"/resources/actors/payment/{id}/history?limit=100", token)).Ok()!.ToJsonString());
            answers.Add((await _api.GetAsync($"/resources/actors/payment/{id}/diff?from=0&to=2", token)).Ok()!.ToJsonString());
            answers.Add((await _api.GetAsync($"/resources/events?actorType=payment&actorId={id}", token)).Ok()!.ToJsonString());
            answers.Add((await _api.GetAsync($"/resources/actors/payment?where.paymentId={id}", token)).Ok()!.ToJsonString());
            answers.Add((await _api.GetAsync($"/resources/actors/payment?where.paymentId={id}&asOf={Uri.EscapeDataString(before)}", token)).Ok()!.ToJsonString());
            answers.Add(LineOf(await NdjsonAsync(snapshotBefore, token), id));
            answers.Add(LineOf(await NdjsonAsync(snapshotAfter, token), id));
            answers.Add(string.Join('\n', (await ReplayAsync(id, 4, token)).Select(e => e.Data.ToJsonString())));
        }

        // The idempotent answer of the create (its state held the first card) is replayed without it.
        var replayed = await _api.BatchAsync("payment", id, CreateAndQuery, TestTokens.Admin, headers: idempotencyKey);
        answers.Add(replayed.Ok()!.ToJsonString());

        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            foreach (var leak in new[] { FirstCard, SecondCard, "2468", "3579", "enc:v1" })
            {
                Assert.False(answer.Contains(leak, StringComparison.Ordinal), $"answer {i} shows {leak}: {answer}");
            }
        }

        var state = (await _api.BatchAsync("payment", id, """[{"type":"query"}]""", TestTokens.PaymentPii)).Ok()!;
        Assert.Null(state["cardNumber"]);
        Assert.Equal(["vip"], state["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(100m, (decimal)state["amount"]!);
        var line = LineOf(await NdjsonAsync(snapshotBefore, TestTokens.PaymentPii), id);
        Assert.Null(JsonNode.Parse(line)!["cardNumber"]);
        Assert.Equal(100m, (decimal)JsonNode.Parse(line)!["amount"]!);
    }

    [Fact]
    public async Task The_database_keeps_no_erased_value_in_clear_and_no_key_that_opens_one()
    {
        var (paymentId, _) = await PaymentAsync();
        var orderId = NewId();
        (await _api.BatchAsync("order", orderId, $$$"""[{"type":"create","body":{"currency":"SEK","customerEmail":"{{{Email}}}"}}]""")).Ok();
        Assert.Equal(1, await KeysAsync("payment", paymentId));
        Assert.Equal(1, await KeysAsync("order", orderId));

        (await EraseAsync("payment", paymentId)).Ok();
        (await EraseAsync("order", orderId)).Ok();

        var rows = await DatabaseTextAsync();
        Assert.Contains(paymentId, rows, StringComparison.Ordinal);
        Assert.Contains("enc:v1", rows, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstCard, rows, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondCard, rows, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, rows, StringComparison.Ordinal);
        Assert.Equal(0, await KeysAsync("payment", paymentId));
        Assert.Equal(0, await KeysAsync("order", orderId));
        if (silo.StoreName == "sqlite")
        {
            // Nor anywhere in the database's files: the card and email were only ever written sealed.
            foreach (var file in SqliteFiles())
            {
                var bytes = Encoding.Latin1.GetString(await ReadSharedAsync(file));
                Assert.DoesNotContain(FirstCard, bytes, StringComparison.Ordinal);
                Assert.DoesNotContain(SecondCard, bytes, StringComparison.Ordinal);
                Assert.DoesNotContain(Email, bytes, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_personal_value_written_after_the_erasure_is_kept_shown_with_pii_and_masked_without()
    {
        var (id, _) = await PaymentAsync();
        (await EraseAsync("payment", id)).Ok();

        (await _api.BatchAsync("payment", id, """[{"type":"setCardNumber","body":{"cardNumber":"5555555555554444"}}]""", TestTokens.Writer)).Ok();

        var clear = (await _api.BatchAsync("payment", id, """[{"type":"query"}]""", TestTokens.PaymentPii)).Ok()!;
        var masked = (await _api.BatchAsync("payment", id, """[{"type":"query"},{"type":"getHistory"}]""", TestTokens.Reader, "?results=all")).Raw;
        var history = (await _api.GetAsync($"/resources/actors/payment/{id}/history", TestTokens.PaymentPii)).Raw;
        Assert.Equal("5555555555554444", (string)clear["cardNumber"]!);
        Assert.Contains("****4444", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("5555555555554444", masked, StringComparison.Ordinal);
        Assert.Contains("5555555555554444", history, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondCard, history, StringComparison.Ordinal);
        Assert.Equal(1, await KeysAsync("payment", id));
        Assert.DoesNotContain("5555555555554444", await DatabaseTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_needs_the_erase_permission_and_a_preview_persists_nothing()
    {
        var (id, _) = await PaymentAsync();

        foreach (var (token, query) in new[] { (TestTokens.Writer, ""), (TestTokens.PaymentPii, ""), (TestTokens.Writer, "?preview"), (TestTokens.OrderRewinder, "") })
        {
            var problem = (await EraseAsync("payment", id, token: token, query: query)).Problem(HttpStatusCode.Forbidden);
            Assert.Equal("actors/payment:erase", (string)problem["permission"]!);
            Assert.Contains("actors/payment:erase", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        var preview = (await EraseAsync("payment", id, query: "?preview")).Ok()!;

        Assert.Equal(["cardNumber"], preview["erasedFields"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(3, (await _api.CheckpointsAsync("payment", id)).Count);
        var state = (await _api.BatchAsync("payment", id, """[{"type":"query"}]""", TestTokens.PaymentPii)).Ok()!;
        Assert.Equal(SecondCard, (string)state["cardNumber"]!);
        Assert.Equal(1, await KeysAsync("payment", id));
    }

    [Fact]
    public async Task Erase_of_an_unknown_actor_is_404_and_without_a_reason_400()
    {
        var (id, _) = await PaymentAsync();

        var unknown = (await EraseAsync("payment", NewId())).Problem(HttpStatusCode.NotFound);
        (await EraseAsync("no-such-type", NewId(), token: TestTokens.Admin)).Problem(HttpStatusCode.NotFound);
        var noReason = (await EraseAsync("payment", id, "{}")).Problem(HttpStatusCode.BadRequest);
        (await EraseAsync("payment", id, """{"reason":""}""")).Problem(HttpStatusCode.BadRequest);
        (await EraseAsync("payment", id, "[]")).Problem(HttpStatusCode.BadRequest);
        (await EraseAsync("payment", id, "{")).Problem(HttpStatusCode.BadRequest);
        (await EraseAsync("payment", id, token: null!)).Problem(HttpStatusCode.Unauthorized);

        Assert.Contains("reason", (string)noReason["detail"]!, StringComparison.Ordinal);
        Assert.Contains("does not exist", (string)unknown["detail"]!, StringComparison.Ordinal);
        Assert.Equal(3, (await _api.CheckpointsAsync("payment", id)).Count);
        Assert.Equal(1, await KeysAsync("payment", id));
    }

    [Fact]
    public void The_protecting_decorators_are_the_outermost_journal_and_snapshot_data_stores()
    {
        // Whatever else decorates the journal (an archive tier copying rows as stored) must sit under these, so it copies
        // sealed values, which erasure shreds with the key.
        Assert.IsType<Actors.PersonalData.ProtectedJournalStore>(silo.App.Services.GetRequiredService<Actors.Abstractions.Storage.IJournalStore>());
        Assert.IsType<Actors.PersonalData.ProtectedSnapshotDataStore>(silo.App.Services.GetRequiredService<Actors.Abstractions.Storage.ISnapshotDataStore>());
    }

    private async Task<string> CompletedSnapshotAsync(string at)
    {
        var started = await _api.PostAsync("/resources/actors/payment/snapshots", $$$"""{"at":"{{{at}}}","reason":"erasure test"}""", TestTokens.Admin);
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var snapshotId = (string)started.Json["snapshotId"]!;
        var status = (await _api.GetAsync($"/resources/snapshots/{snapshotId}?waitSeconds=30")).Ok()!;
        Assert.Equal("completed", (string)status["status"]!);
        return snapshotId;
    }

    /// <summary>The lines of a compliance snapshot, as the caller with <paramref name="token"/> reads them.</summary>
    private async Task<string> NdjsonAsync(string snapshotId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/snapshots/{snapshotId}/data");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The line of actor <paramref name="id"/> in compliance snapshot data (other tests' actors have the same cards).</summary>
    private static string LineOf(string ndjson, string id) => ndjson.Split('\n').Single(l => l.Contains($"\"{id}\"", StringComparison.Ordinal));

    private async Task<List<SseEvent>> ReplayAsync(string id, int count, string token)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/payment/{id}/replay");
        request.Headers.Authorization = new("Bearer", token);
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

    /// <summary>How many data keys the database holds for the actor.</summary>
    private async Task<long> KeysAsync(string type, string id)
    {
        if (silo.StoreName == "sqlite")
        {
            await using var connection = await OpenSqliteAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "select count(*) from data_keys where actor_type = $type and actor_id = $id";
            command.Parameters.AddWithValue("$type", type);
            command.Parameters.AddWithValue("$id", id);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await using var pg = await OpenPostgresAsync();
        await using var query = new NpgsqlCommand("select count(*) from actors_keys where actor_type = @type and actor_id = @id", pg);
        query.Parameters.AddWithValue("type", type);
        query.Parameters.AddWithValue("id", id);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of every table of the silo's database, as text (byte columns as UTF-8).</summary>
    private async Task<string> DatabaseTextAsync()
    {
        var text = new StringBuilder();
        if (silo.StoreName == "sqlite")
        {
            await using var connection = await OpenSqliteAsync();
            foreach (var table in await ListAsync(connection, "select name from sqlite_master where type = 'table'"))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"select * from \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        text.Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : reader.GetValue(i).ToString()).Append('|');
                    }

                    text.Append('\n');
                }
            }

            return text.ToString();
        }

        await using var pg = await OpenPostgresAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'", pg))
        await using (var names = await list.ExecuteReaderAsync())
        {
            while (await names.ReadAsync())
            {
                tables.Add(names.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"select t::text from \"{table}\" t", pg);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(reader.GetString(0)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private string SqlitePath => silo.App.Configuration["Actors:Sqlite:Path"]!;

    private IEnumerable<string> SqliteFiles() => new[] { SqlitePath, SqlitePath + "-wal" }.Where(File.Exists);

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<SqliteConnection> OpenSqliteAsync()
    {
        var connection = new SqliteConnection($"Data Source={SqlitePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private async Task<NpgsqlConnection> OpenPostgresAsync()
    {
        var connection = new NpgsqlConnection(silo.App.Configuration["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        return connection;
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqliteErasureTests(SqliteSiloFixture silo) : ErasureTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresErasureTests(PostgresSiloFixture silo) : ErasureTests(silo);
