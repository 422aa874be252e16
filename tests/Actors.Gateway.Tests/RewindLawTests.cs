using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>
/// Laws over random command sequences: rewinding to checkpoint k gives exactly the state of replaying the
/// first k mutation sets from scratch, and a preview never changes what a later read sees.
/// </summary>
public abstract class RewindLawTests(SiloFixture silo)
{
    private const string FullQuery = """
        [{"type":"query","body":{"query":{"navigate":[
          {"edge":"lines","node":{"fields":["orderLineId","sku","quantity","unitPrice","total"]}},
          {"edge":"deliveries","node":{"fields":["deliveryId","deliveryState"]}}]}}}]
        """;

    private readonly ActorsClient _api = new(silo.Http);

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Rewinding_to_checkpoint_k_equals_replaying_the_first_k_mutation_sets(int seed)
    {
        var random = new Random(seed);
        var id = $"law-{seed}-{Guid.NewGuid():N}";
        var accepted = await DriveRandomlyAsync(id, random, batches: 14);

        foreach (var k in Enumerable.Range(0, 4).Select(_ => random.Next(1, accepted.Count + 1)))
        {
            var replayed = await ReplayAsync(accepted.Take(k));
            var preview = await _api.BatchAsync("order", id, $$$$"""[{"type":"rewind","body":{"version":{{{{k}}}}}}, {{{{FullQuery[1..^1]}}}}]""", query: "?preview");
            Assert.True(SameState(replayed, preview.Ok()!.AsObject()), $"seed {seed}, k {k}:\nreplay  {replayed}\nrewound {preview.Raw}");
        }

        var target = random.Next(1, accepted.Count + 1);
        var expected = await ReplayAsync(accepted.Take(target));
        (await _api.BatchAsync("order", id, $$$$"""[{"type":"rewind","body":{"version":{{{{target}}}}}}]""")).Ok();
        Assert.True(SameState(expected, await FullStateAsync(id)), $"seed {seed}: a persisted rewind to {target} differs from the replay");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_preview_never_changes_what_a_later_read_sees(int seed)
    {
        var random = new Random(seed * 7919);
        var id = $"preview-{seed}-{Guid.NewGuid():N}";
        var accepted = await DriveRandomlyAsync(id, random, batches: 6);
        var before = await FullStateAsync(id);
        var checkpointsBefore = await _api.CheckpointsAsync("order", id);

        for (var i = 0; i < 8; i++)
        {
            var batch = new List<string> { $$$$"""{"type":"rewind","body":{"version":{{{{random.Next(1, accepted.Count + 1)}}}}}}""" };
            batch.AddRange(RandomCommands(random, $"p{i}"));
            await _api.BatchAsync("order", id, $"[{string.Join(",", batch)}]", query: "?preview");

            Assert.True(JsonNode.DeepEquals(before, await FullStateAsync(id)), $"seed {seed}: preview {i} changed the state");
        }

        Assert.True(JsonNode.DeepEquals(checkpointsBefore, await _api.CheckpointsAsync("order", id)), $"seed {seed}: a preview added a checkpoint");
    }

    /// <summary>Sends random batches; keeps those the actor accepted, in order (one per checkpoint).</summary>
    private async Task<List<string>> DriveRandomlyAsync(string id, Random random, int batches)
    {
        var create = """[{"type":"create","body":{"orderNumber":"42","currency":"EUR"}}]""";
        (await _api.BatchAsync("order", id, create)).Ok();
        var accepted = new List<string> { create };
        for (var i = 0; i < batches; i++)
        {
            var batch = $"[{string.Join(",", RandomCommands(random, $"b{i}"))}]";
            var response = await _api.BatchAsync("order", id, batch);
            if (response.Status == System.Net.HttpStatusCode.OK)
            {
                accepted.Add(batch);
            }
            else
            {
                response.Problem(System.Net.HttpStatusCode.UnprocessableEntity);
            }
        }

        Assert.True(accepted.Count > batches / 3, $"only {accepted.Count - 1} of {batches} random batches were accepted; the generator is too hostile to test anything");
        return accepted;
    }

    private static IEnumerable<string> RandomCommands(Random random, string salt)
    {
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var n = random.Next(3);
            yield return random.Next(9) switch
            {
                0 => $$$$"""{"type":"addTag","body":{"key":"tag{{{{n}}}}"}}""",
                1 => $$$$"""{"type":"removeTag","body":{"key":"tag{{{{n}}}}"}}""",
                2 or 3 => $$$$"""{"type":"addOrderLine","body":{"orderLineId":"{{{{salt}}}}-{{{{i}}}}","sku":"S{{{{n}}}}","quantity":{{{{n + 1}}}},"unitPrice":{{{{n * 2.5m}}}}}}""",
                4 => $$$$"""{"type":"removeOrderLine","body":{"orderLineId":"b{{{{random.Next(3)}}}}-0"}}""",
                5 => $$$$"""{"type":"addDelivery","body":{"deliveryId":"{{{{salt}}}}-d{{{{i}}}}"}}""",
                6 => $$$$"""{"type":"setDeliveryState","body":{"deliveryId":"b{{{{random.Next(4)}}}}-d0","deliveryState":"shipped"}}""",
                7 => """{"type":"setOrderState","body":{"orderState":"confirmed"}}""",
                _ => """{"type":"setOrderState","body":{"orderState":"cancelled"}}""",
            };
        }
    }

    private async Task<JsonObject> ReplayAsync(IEnumerable<string> batches)
    {
        var id = $"replay-{Guid.NewGuid():N}";
        foreach (var batch in batches)
        {
            (await _api.BatchAsync("order", id, batch)).Ok();
        }

        return await FullStateAsync(id);
    }

    private async Task<JsonObject> FullStateAsync(string id) => (await _api.BatchAsync("order", id, FullQuery)).Ok()!.AsObject();

    /// <summary>Equal states, ignoring the actor's own id and its version (a rewind is a new checkpoint).</summary>
    private static bool SameState(JsonObject a, JsonObject b)
    {
        static JsonObject Strip(JsonObject o)
        {
            var copy = o.DeepClone().AsObject();
            copy.Remove("orderId");
            copy.Remove("version");
            return copy;
        }

        return JsonNode.DeepEquals(Strip(a), Strip(b));
    }
}

[Collection(SqliteSiloCollection.Name)]
public sealed class SqliteRewindLawTests(SqliteSiloFixture silo) : RewindLawTests(silo);

[Collection(PostgresSiloCollection.Name)]
public sealed class PostgresRewindLawTests(PostgresSiloFixture silo) : RewindLawTests(silo);
