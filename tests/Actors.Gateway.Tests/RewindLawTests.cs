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
        var accepted = await DriveRandomlyAsync(id, random, batches: 8);
        var before = await FullStateAsync(id);
        var checkpointsBefore = await _api.CheckpointsAsync("order", id);

        for (var i = 0; i < 8; i++)
        {
            var batch = new List<string> { $$$$"""{"type":"rewind","body":{"version":{{{{random.Next(1, accepted.Count + 1)}}}}}}""" };
            batch.AddRange(RandomCommands(random, $"p{i}", new OrderModel()));
            await _api.BatchAsync("order", id, $"[{string.Join(",", batch)}]", query: "?preview");

            Assert.True(JsonNode.DeepEquals(before, await FullStateAsync(id)), $"seed {seed}: preview {i} changed the state");
        }

        Assert.True(JsonNode.DeepEquals(checkpointsBefore, await _api.CheckpointsAsync("order", id)), $"seed {seed}: a preview added a checkpoint");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task The_state_as_of_version_v_equals_the_replay_of_the_first_v_mutation_sets(int seed)
    {
        var random = new Random(seed * 31);
        var id = $"asof-{seed}-{Guid.NewGuid():N}";
        var accepted = await DriveRandomlyAsync(id, random, batches: 10);

        for (var v = 1; v <= accepted.Count; v += random.Next(1, 3))
        {
            var asOf = (await _api.BatchAsync("order", id, $$$$"""[{"type":"getState","body":{"version":{{{{v}}}}}}]""")).Ok()!.AsObject();
            Assert.True(SameState(await ReplayAsync(accepted.Take(v)), asOf), $"seed {seed}, version {v}: {asOf}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_diff_from_a_to_b_applied_to_state_a_gives_state_b(int seed)
    {
        var random = new Random(seed * 131);
        var id = $"diff-{seed}-{Guid.NewGuid():N}";
        var accepted = await DriveRandomlyAsync(id, random, batches: 10);

        for (var i = 0; i < 5; i++)
        {
            var a = random.Next(0, accepted.Count + 1);
            var b = random.Next(0, accepted.Count + 1);
            var diff = (await _api.BatchAsync("order", id, $$$$"""[{"type":"diff","body":{"from":{{{{a}}}},"to":{{{{b}}}}}}]""")).Ok()!.AsObject();
            var stateA = await StateAsync(id, a);
            var stateB = await StateAsync(id, b);

            Assert.True(JsonNode.DeepEquals(stateB, Apply(diff, stateA)), $"seed {seed}: diff({a},{b}) = {diff}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Restore_then_read_gives_the_old_state_with_a_new_version(int seed)
    {
        var random = new Random(seed * 17);
        var id = $"restore-{seed}-{Guid.NewGuid():N}";
        var accepted = await DriveRandomlyAsync(id, random, batches: 8);
        var target = random.Next(1, accepted.Count + 1);
        var old = await StateAsync(id, target);

        var restored = await _api.PostAsync($"/resources/actors/order/{id}/restore", $$$$"""{"version":{{{{target}}}},"reason":"law {{{{seed}}}}"}""");

        Assert.Equal(System.Net.HttpStatusCode.Created, restored.Status);
        var now = await FullStateAsync(id);
        Assert.True(SameState(Strip(old!), now), $"seed {seed}: restore to {target}");
        Assert.Equal(accepted.Count + 1, (long)now["version"]!);
    }

    /// <summary>The stored state (no version) at <paramref name="version"/>; null before the actor existed.</summary>
    private async Task<JsonObject?> StateAsync(string id, int version)
    {
        var state = (await _api.BatchAsync("order", id, $$$$"""[{"type":"getState","body":{"version":{{{{version}}}}}}]""")).Ok() as JsonObject;
        state?.Remove("version");
        return state;
    }

    private static JsonObject? Apply(JsonObject diff, JsonObject? state)
    {
        var result = state?.DeepClone().AsObject() ?? [];
        foreach (var (field, value) in diff["added"]!.AsObject())
        {
            result[field] = value?.DeepClone();
        }

        foreach (var (field, change) in diff["changed"]!.AsObject())
        {
            result[field] = change!["to"]?.DeepClone();
        }

        foreach (var (field, _) in diff["removed"]!.AsObject())
        {
            result.Remove(field);
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonObject Strip(JsonObject state)
    {
        var copy = state.DeepClone().AsObject();
        copy.Remove("version");
        return copy;
    }

    /// <summary>Sends random batches; keeps those the actor accepted, in order (one per checkpoint).</summary>
    private async Task<List<string>> DriveRandomlyAsync(string id, Random random, int batches)
    {
        var create = """[{"type":"create","body":{"orderNumber":"42","currency":"EUR"}}]""";
        (await _api.BatchAsync("order", id, create)).Ok();
        var accepted = new List<string> { create };
        var model = new OrderModel();
        for (var i = 0; i < batches; i++)
        {
            var tentative = model.Copy();
            var batch = $"[{string.Join(",", RandomCommands(random, $"b{i}", tentative, mayChangeState: i >= batches * 2 / 3))}]";
            var response = await _api.BatchAsync("order", id, batch);
            if (response.Status == System.Net.HttpStatusCode.OK)
            {
                accepted.Add(batch);
                model = tentative;
            }
            else
            {
                response.Problem(System.Net.HttpStatusCode.UnprocessableEntity);
            }
        }

        Assert.True(accepted.Count > batches / 2, $"only {accepted.Count - 1} of {batches} random batches were accepted; the generator is too hostile to test anything");
        return accepted;
    }

    /// <summary>Mostly valid commands for the order the model describes, now and then one the order must refuse.</summary>
    private static IEnumerable<string> RandomCommands(Random random, string salt, OrderModel model, bool mayChangeState = false)
    {
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var n = random.Next(3);
            var roll = random.Next(20);
            if (roll == 0)
            {
                yield return """{"type":"removeOrderLine","body":{"orderLineId":"no-such-line"}}""";
            }
            else if (roll < 4)
            {
                yield return $$$$"""{"type":"addTag","body":{"key":"tag{{{{n}}}}"}}""";
            }
            else if (roll < 6)
            {
                yield return $$$$"""{"type":"removeTag","body":{"key":"tag{{{{n}}}}"}}""";
            }
            else if (roll < 11 || model.Lines.Count == 0)
            {
                var line = $"{salt}-{i}";
                model.Lines.Add(line);
                yield return $$$$"""{"type":"addOrderLine","body":{"orderLineId":"{{{{line}}}}","sku":"S{{{{n}}}}","quantity":{{{{n + 1}}}},"unitPrice":{{{{n * 2.5m}}}}}}""";
            }
            else if (roll < 13)
            {
                var line = model.Lines[random.Next(model.Lines.Count)];
                model.Lines.Remove(line);
                yield return $$$$"""{"type":"removeOrderLine","body":{"orderLineId":"{{{{line}}}}"}}""";
            }
            else if (roll < 16 || model.Deliveries.Count == 0)
            {
                var delivery = $"{salt}-d{i}";
                model.Deliveries.Add(delivery);
                yield return $$$$"""{"type":"addDelivery","body":{"deliveryId":"{{{{delivery}}}}"}}""";
            }
            else if (roll < 18 || !mayChangeState)
            {
                var delivery = model.Deliveries[random.Next(model.Deliveries.Count)];
                yield return $$$$"""{"type":"setDeliveryState","body":{"deliveryId":"{{{{delivery}}}}","deliveryState":"shipped"}}""";
            }
            else
            {
                yield return roll == 18
                    ? """{"type":"setOrderState","body":{"orderState":"confirmed"}}"""
                    : """{"type":"setOrderState","body":{"orderState":"cancelled"}}""";
            }
        }
    }

    /// <summary>The lines and deliveries an order has, so the generator can name existing ones.</summary>
    private sealed class OrderModel
    {
        public List<string> Lines { get; private init; } = [];

        public List<string> Deliveries { get; private init; } = [];

        public OrderModel Copy() => new() { Lines = [.. Lines], Deliveries = [.. Deliveries] };
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
