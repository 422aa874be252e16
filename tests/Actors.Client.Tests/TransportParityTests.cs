using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client.Tests;

/// <summary>
/// One scenario through the silo's own grain factory, through an external Orleans client and over HTTP, each on its own
/// order: every answer and every error must be the same, byte for byte.
/// </summary>
[Collection(OrleansClientCollection.Name)]
public sealed partial class TransportParityTests(OrleansClientFixture fixture)
{
    [Fact]
    public async Task Every_transport_gives_the_same_answers_and_the_same_errors()
    {
        await using var inSilo = fixture.InSiloClient(TestPrincipal.Admin);
        await using var orleansClient = fixture.OrleansClient(TestPrincipal.Admin);
        await using var overHttp = fixture.Client(TestPrincipal.Admin);

        var expected = await TranscriptAsync(inSilo);
        var throughClient = await TranscriptAsync(orleansClient);
        var actual = await TranscriptAsync(overHttp);

        Assert.Equal(expected, throughClient);
        Assert.Equal(expected, actual);
    }

    /// <summary>The scenario on a new order, its id blanked out of the transcript.</summary>
    private static async Task<string> TranscriptAsync(ActorsClient client)
    {
        var id = $"ord-{Guid.NewGuid():N}";
        return (await TranscriptAsync(client.GetActor<IOrderActor>(id))).Replace(id, "<id>", StringComparison.Ordinal);
    }

    /// <summary>Everything the scenario saw, as text, with generated ids and times blanked out.</summary>
    private static async Task<string> TranscriptAsync(ActorRef<IOrderActor> order)
    {
        var transcript = new JsonArray();
        var created = await order.Batch()
            .Create(new CreateOrder("1001", "SEK", "a@example.com"))
            .AddOrderLine(new AddOrderLine("l1", "TSHIRT", 2, 199.5m))
            .AddDelivery("d1")
            .SendAsync();
        transcript.Add(Json(created));
        transcript.Add(Json(await order.Batch().AddTag("vip").SetDeliveryState("d1", "shipped").SendAsync()));
        transcript.Add(await order.QueryAsync(ActorQuery.All.Include("lines").Include("deliveries")));
        transcript.Add(Json(await order.RewindAsync(HistoryPoint.AtVersion(1), "undo", ["tags"])));
        await using (var preview = order.Preview())
        {
            transcript.Add(Json(await preview.RewindAsync(HistoryPoint.AtVersion(1))));
            transcript.Add(await preview.QueryAsync());
        }

        transcript.Add(await order.GetStateAsync(HistoryPoint.AtVersion(2)));
        transcript.Add((await order.DiffAsync(HistoryPoint.AtVersion(1), HistoryPoint.AtVersion(3))).ToJson());
        var history = await order.GetHistoryPageAsync(limit: 2, offset: 1);
        transcript.Add(new JsonObject { ["total"] = history.Total, ["entries"] = new JsonArray([.. history.Entries.Select(Cli.Format.Json)]) });
        await using (var preview = order.Preview())
        {
            foreach (var change in await preview.GetPendingChangesAsync([ActorCommand.AddTag("maybe")]))
            {
                transcript.Add(new JsonObject { ["path"] = change.Path, ["operation"] = change.Operation, ["before"] = change.Before?.DeepClone(), ["after"] = change.After?.DeepClone() });
            }
        }

        transcript.Add(await order.RestoreAsync(HistoryPoint.AtVersion(2), "parity"));
        await order.Batch().AddTag("keyed").SendAsync(new SendOptions { IdempotencyKey = "parity-key" });
        long? firstGlobalVersion = null;
        foreach (var set in await order.ReplayAsync(fromVersion: 2).ToListAsync())
        {
            // One silo serves every transport and its global versions count every actor's writes: compare distances.
            var json = Cli.Format.Json(set);
            firstGlobalVersion ??= set.GlobalVersion;
            json["globalVersion"] = set.GlobalVersion - firstGlobalVersion;
            transcript.Add(json);
        }

        foreach (var checkpoint in await order.GetCheckpointsAsync().ToListAsync())
        {
            transcript.Add(Cli.Format.Json(checkpoint));
        }

        foreach (var entry in await order.GetActivityLogAsync().ToListAsync())
        {
            transcript.Add(entry.Message);
        }

        foreach (var failing in new Func<Task>[]
        {
            () => order.Batch().SetOrderState("open").SendAsync(),
            () => order.Batch().AddTag("x").Create(new CreateOrder(null, "SEK", null)).SendAsync(),
            () => order.Batch().AddOrderLine(new AddOrderLine(null, "SKU", 0, 1m)).SendAsync(),
            () => order.SendAsync(ActorCommand.FromJson("fly")),
            () => order.RewindAsync(HistoryPoint.AtVersion(99)),
            () => order.Batch().AddTag("y").SendAsync(new SendOptions { ExpectedVersion = 1 }),
            () => order.Batch().AddTag("other").SendAsync(new SendOptions { IdempotencyKey = "parity-key" }),
            () => order.RestoreAsync(HistoryPoint.AtVersion(99), "no such version"),
            () => order.GetHistoryPageAsync(limit: 0),
        })
        {
            var error = await Assert.ThrowsAnyAsync<ActorRequestException>(failing);
            var problem = error.Problem;
            problem.Remove("traceId");
            transcript.Add(new JsonObject { ["exception"] = error.GetType().Name, ["problem"] = problem });
        }

        var text = transcript.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return Time().Replace(Uuid().Replace(text, "<uuid>"), "<time>");
    }

    private static JsonObject Json(BatchResponse response) => new()
    {
        ["version"] = response.Version,
        ["replayed"] = response.Replayed,
        ["results"] = new JsonArray([.. response.Results.Select(r => new JsonObject { ["type"] = r.Type, ["result"] = r.Result?.DeepClone() })]),
    };

    private static JsonObject Json(RewindOutcome outcome) => Cli.Format.Json(outcome);

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")]
    private static partial Regex Time();
}
