using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Messages;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests;

/// <summary>For every grain, a history that raises each of its event types, checked against the state laws.</summary>
public abstract class GrainHistoryTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : GrainHistoryTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : GrainHistoryTests(cluster);

    /// <summary>Batches that together raise every event type of <paramref name="type"/>; the first creates the actor.</summary>
    private static ActorMessage[][] History(string type) => type switch
    {
        "order" =>
        [
            [Msg("create", """{"orderNumber":"7","currency":"SEK","customerEmail":"ada@example.com"}"""), Msg("addTag", """{"key":"vip"}""")],
            [Msg("addOrderLine", """{"orderLineId":"l1","sku":"A","quantity":2,"unitPrice":9.95}"""), Msg("addOrderLine", """{"sku":"B","quantity":1,"unitPrice":100}""")],
            [Msg("removeOrderLine", """{"orderLineId":"l1"}"""), Msg("addDelivery", """{"deliveryId":"d1"}""")],
            [Msg("setOrderState", """{"orderState":"confirmed"}"""), Msg("setDeliveryState", """{"deliveryId":"d1","deliveryState":"shipped"}""")],
        ],
        "payment" =>
        [
            [Msg("create", """{"amount":250,"currency":"EUR","orderId":"o-1","cardNumber":"5555 5555 5555 4444"}""")],
            [Msg("authorize"), Msg("capture", """{"amount":200}""")],
            [Msg("refund", """{"amount":200}""")],
        ],
        "cancelled-payment" =>
        [
            [Msg("create", """{"amount":10,"currency":"EUR"}""")],
            [Msg("authorize")],
            [Msg("cancel")],
        ],
        "ticket" =>
        [
            [Msg("create", """{"title":"Cannot log in","priority":"high"}""")],
            [Msg("assign", """{"assignee":"grace"}"""), Msg("addComment", """{"text":"Looking."}""")],
            [Msg("setPriority", """{"priority":"urgent"}"""), Msg("setTicketState", """{"ticketState":"solved"}""")],
        ],
        "asset" =>
        [
            [Msg("create", """{"name":"Forklift","assetType":"vehicle"}""")],
            [Msg("move", """{"location":"Dock 4"}"""), Msg("assignCustodian", """{"custodian":"ada"}"""), Msg("setAttribute", """{"key":"hours","value":"1200"}""")],
            [Msg("setAttribute", """{"key":"Brand","value":"Toyota"}"""), Msg("retire")],
        ],
        "sku" =>
        [
            [Msg("create", """{"skuNumber":"MUG-1","name":"Mug","price":49.5,"currency":"SEK"}""")],
            [Msg("adjustStock", """{"delta":20}"""), Msg("setAttribute", """{"key":"colour","value":"blue"}""")],
            [Msg("setPrice", """{"price":39.5}"""), Msg("adjustStock", """{"delta":-5}""")],
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string ActorType(string history) => history == "cancelled-payment" ? "payment" : history;

    private async Task<ActorKey> WriteHistoryAsync(string history, IGrainFactory? grains = null)
    {
        var key = NewKey(ActorType(history));
        foreach (var batch in History(history))
        {
            await SendAsync(grains ?? Fixture.Grains, key, batch);
        }

        return key;
    }

    [Theory]
    [InlineData("order")]
    [InlineData("payment")]
    [InlineData("cancelled-payment")]
    [InlineData("ticket")]
    [InlineData("asset")]
    [InlineData("sku")]
    public async Task Every_grain_replays_its_events_to_the_same_state(string history)
    {
        var key = await WriteHistoryAsync(history);

        await AssertReplaysAsync(key);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("payment")]
    [InlineData("cancelled-payment")]
    [InlineData("ticket")]
    [InlineData("asset")]
    [InlineData("sku")]
    public async Task Every_grain_state_survives_a_snapshot(string history)
    {
        var key = await WriteHistoryAsync(history, Fixture.SnapshottingCluster.Client);
        var written = await QueryEverythingAsync(Fixture.SnapshottingCluster.Client, key);
        var version = (long)written["version"]!;

        Assert.Equal(version, (await Store.FindSnapshotAsync(key, long.MaxValue, CancellationToken.None))?.Version);
        AssertJson.Equal(written, await QueryEverythingAsync(Fixture.Grains, key));
    }

    [Theory]
    [InlineData("order")]
    [InlineData("payment")]
    [InlineData("ticket")]
    [InlineData("asset")]
    [InlineData("sku")]
    public async Task Every_grain_rewinds_to_the_whole_state_of_its_first_checkpoint(string history)
    {
        var key = await WriteHistoryAsync(history);
        var first = (await SendAsync(key, Msg("getState", """{"version":1}"""))).Results[0].Result!.AsObject();

        var rewind = await SendAsync(key, Msg("rewind", """{"version":1}"""));

        var checkpoints = History(history).Length;
        Assert.Equal(checkpoints - 1, (long)rewind.Results[0].Result!["checkpointsAffected"]!);
        var now = await QueryEverythingAsync(key);
        Assert.Equal(checkpoints + 1, (long)now["version"]!);
        now["version"] = 1;
        AssertJson.Equal(first, now);
    }

    [Theory]
    [InlineData("order", "Order.Created Order.TagAdded Order.LineAdded Order.LineAdded Order.LineRemoved Order.DeliveryAdded Order.StateChanged Order.DeliveryStateChanged")]
    [InlineData("payment", "Payment.Created Payment.Authorized Payment.Captured Payment.Refunded")]
    [InlineData("cancelled-payment", "Payment.Created Payment.Authorized Payment.Cancelled")]
    [InlineData("ticket", "Ticket.Created Ticket.Assigned Ticket.CommentAdded Ticket.PriorityChanged Ticket.StateChanged")]
    [InlineData("asset", "Asset.Created Asset.Moved Asset.CustodianAssigned Asset.AttributeSet Asset.AttributeSet Asset.Retired")]
    [InlineData("sku", "Sku.Created Sku.StockAdjusted Sku.AttributeSet Sku.PriceChanged Sku.StockAdjusted")]
    public async Task Every_grain_stores_its_events_under_stable_names(string history, string names)
    {
        var key = await WriteHistoryAsync(history);

        var sets = await Store.ReadAsync(key, 0, long.MaxValue, 100, CancellationToken.None);

        Assert.Equal(names.Split(' '), sets.SelectMany(s => JsonNode.Parse(s.Events)!.AsArray().Select(e => (string?)e!["type"])));
    }
}
