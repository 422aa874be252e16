using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Torture;

/// <summary>One batch of the load: a unique number n, the order it goes to, its Idempotency-Key and its body.</summary>
/// <remarks>
/// Every batch adds tag <c>b-n</c> and order line <c>l-n</c> (the first batch of an order also creates it), so the journal
/// shows exactly which batches it holds, whether one is there twice, and whether one is there only in part.
/// </remarks>
public sealed class LoadBatch(string actorId, int number, bool create)
{
    public string ActorId { get; } = actorId;

    public int Number { get; } = number;

    public string Key { get; } = $"torture-{Guid.NewGuid():N}";

    public int Quantity => 1 + (Number % 7);

    public int UnitPrice => Number % 13;

    public string Body => (create ? """[{"type":"create","body":{"currency":"SEK"}},""" : "[")
        + $$$"""{"type":"addTag","body":{"key":"b-{{{Number}}}"}},{"type":"addOrderLine","body":{"orderLineId":"l-{{{Number}}}","sku":"SKU-{{{Number % 5}}}","quantity":{{{Quantity}}},"unitPrice":{{{UnitPrice}}}}}]""";

    /// <summary>The version the acknowledging answer named, once there was one.</summary>
    public long? AcknowledgedVersion { get; set; }

    /// <summary>When the first attempt was sent (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long? FirstSent { get; set; }

    /// <summary>When the acknowledging answer arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long? Acknowledged { get; set; }
}

/// <summary>Every batch a scenario sent, and the check that the journal holds exactly the acknowledged ones, whole, once.</summary>
public sealed class OrderLedger(string prefix)
{
    private readonly ConcurrentDictionary<int, LoadBatch> _batches = new();
    private readonly ConcurrentDictionary<string, int> _created = new();
    private int _next;

    /// <summary>The id of the i-th order.</summary>
    public string ActorId(int i) => $"{prefix}-{i}";

    /// <summary>The next batch for an order; the first one for an order creates it.</summary>
    public LoadBatch Next(string actorId)
    {
        var number = Interlocked.Increment(ref _next);
        var batch = new LoadBatch(actorId, number, _created.TryAdd(actorId, number));
        _batches[number] = batch;
        return batch;
    }

    /// <summary>Reads every order back through <paramref name="client"/> and checks it against the ledger.</summary>
    public async Task VerifyAsync(SiloClient client, string token, Report report, CancellationToken cancellationToken)
    {
        report.Set("sent", _batches.Count);
        report.Set("acknowledged", _batches.Values.Count(b => b.AcknowledgedVersion is not null));
        foreach (var group in _batches.Values.GroupBy(b => b.ActorId))
        {
            await VerifyActorAsync(client, token, group.Key, [.. group], report, cancellationToken);
        }
    }

    private static async Task VerifyActorAsync(SiloClient client, string token, string id, List<LoadBatch> sent, Report report, CancellationToken cancellationToken)
    {
        var byNumber = sent.ToDictionary(b => b.Number);
        var found = new Dictionary<int, long>();
        var checkpoints = await client.CheckpointsAsync("order", id, token, cancellationToken);
        for (var i = 0; i < checkpoints.Count; i++)
        {
            var checkpoint = checkpoints[i];
            var version = checkpoint["version"]!.GetValue<long>();
            report.Require(version == i + 1, $"order {id}: checkpoint {i + 1} has version {version}; versions are not contiguous");
            var commands = checkpoint["metadata"]!["commands"]!.AsArray().Select(c => c!.AsObject()).ToList();
            var number = BatchNumber(commands, version == 1);
            if (number is null)
            {
                report.Add("partial");
                report.Fail($"order {id} v{version}: not one whole batch: {checkpoint["metadata"]!.ToJsonString()}");
                continue;
            }

            if (!byNumber.ContainsKey(number.Value))
            {
                report.Fail($"order {id} v{version}: batch {number} was never sent to this order");
            }

            if (found.TryGetValue(number.Value, out var earlier))
            {
                report.Add("duplicated");
                report.Fail($"order {id}: batch {number} is in the journal twice (v{earlier} and v{version})");
                continue;
            }

            found[number.Value] = version;
        }

        foreach (var batch in sent)
        {
            if (found.TryGetValue(batch.Number, out var version))
            {
                report.Add("found");
                if (batch.AcknowledgedVersion is { } acknowledged && acknowledged != version)
                {
                    report.Fail($"order {id}: batch {batch.Number} was acknowledged as v{acknowledged} but is v{version}");
                }
            }
            else if (batch.AcknowledgedVersion is not null)
            {
                report.Add("lost");
                report.Fail($"order {id}: acknowledged batch {batch.Number} (v{batch.AcknowledgedVersion}) is not in the journal");
            }
        }

        CheckRealTimeOrder(id, found, byNumber, report);
        await VerifyStateAsync(client, token, id, checkpoints.Count, [.. found.Keys.Select(n => byNumber.GetValueOrDefault(n)).OfType<LoadBatch>()], report, cancellationToken);
    }

    /// <summary>
    /// The history is linearizable: a batch acknowledged before another was first sent has the lower version. Walking the
    /// versions from the newest down, the earliest acknowledgement among the newer batches must not precede this one's send.
    /// </summary>
    private static void CheckRealTimeOrder(string id, Dictionary<int, long> found, Dictionary<int, LoadBatch> byNumber, Report report)
    {
        var earliest = long.MaxValue;
        LoadBatch? earliestBatch = null;
        foreach (var (number, version) in found.OrderByDescending(f => f.Value))
        {
            if (!byNumber.TryGetValue(number, out var batch))
            {
                continue;
            }

            if (batch.FirstSent is { } sent && earliest < sent)
            {
                report.Add("order violations");
                report.Fail($"order {id}: batch {earliestBatch!.Number} (v{found[earliestBatch.Number]}) was acknowledged before batch {number} was sent, yet {number} has the lower version v{version}");
            }

            if (batch.Acknowledged is { } acknowledged && acknowledged < earliest)
            {
                earliest = acknowledged;
                earliestBatch = batch;
            }
        }
    }

    /// <summary>The state is the fold of the journal: the query answers it, getState at the newest version equals the query.</summary>
    private static async Task VerifyStateAsync(SiloClient client, string token, string id, int versions, List<LoadBatch> folded, Report report, CancellationToken cancellationToken)
    {
        if (versions == 0)
        {
            return;
        }

        var state = (await client.MustAsync("order", id, $$$"""[{"type":"getState","body":{"version":{{{versions}}}}}]""", token, cancellationToken: cancellationToken))!.AsObject();
        var fields = new JsonArray([.. state.Select(p => (JsonNode)p.Key)]);
        var query = (await client.MustAsync("order", id, $$$$"""[{"type":"query","body":{"query":{"fields":{{{{fields.ToJsonString()}}}}}}}]""", token, cancellationToken: cancellationToken))!.AsObject();
        report.Require(JsonNode.DeepEquals(state, query), $"order {id}: query differs from getState at v{versions}:\n    {query.ToJsonString()}\n    {state.ToJsonString()}");

        var tags = query["tags"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal);
        var lines = query["lines"]!.AsArray().Select(l => $"{l!["orderLineId"]}:{l["quantity"]}x{l["unitPrice"]}").Order(StringComparer.Ordinal);
        var expectedTags = folded.Select(b => $"b-{b.Number}").Order(StringComparer.Ordinal);
        var expectedLines = folded.Select(b => $"l-{b.Number}:{b.Quantity}x{b.UnitPrice}").Order(StringComparer.Ordinal);
        var total = folded.Sum(b => (decimal)b.Quantity * b.UnitPrice);
        report.Require(tags.SequenceEqual(expectedTags), $"order {id}: tags are not the fold of the journal");
        report.Require(lines.SequenceEqual(expectedLines), $"order {id}: lines are not the fold of the journal");
        report.Require(query["total"]!.GetValue<decimal>() == total, $"order {id}: total {query["total"]} is not {total}");
        report.Require(query["version"]!.GetValue<long>() == versions, $"order {id}: version {query["version"]} but {versions} checkpoints");
    }

    /// <summary>The n of a checkpoint made of exactly one whole load batch, or null.</summary>
    private static int? BatchNumber(List<JsonObject> commands, bool first)
    {
        var expected = first ? 3 : 2;
        if (commands.Count != expected || (first && (string?)commands[0]["type"] != "create"))
        {
            return null;
        }

        var tag = commands[^2];
        var line = commands[^1];
        if ((string?)tag["type"] != "addTag" || (string?)line["type"] != "addOrderLine")
        {
            return null;
        }

        var tagNumber = ((string?)tag["key"])?["b-".Length..];
        var lineNumber = ((string?)line["orderLineId"])?["l-".Length..];
        return tagNumber == lineNumber && int.TryParse(tagNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
