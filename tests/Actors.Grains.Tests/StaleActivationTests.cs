using Actors.Abstractions.Errors;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests;

/// <summary>
/// Two activations of one actor, as a membership change can briefly make them: here one in each of the fixture's two
/// clusters, which share the journal. The one that is behind loses the race for the next version, catches up and
/// decides its command again on the newest state; nothing is overwritten and no rule is skipped.
/// </summary>
public abstract class StaleActivationTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : StaleActivationTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : StaleActivationTests(cluster);

    /// <summary>A new order as reached in <see cref="GrainCluster.Cluster"/> (here) and in <see cref="GrainCluster.SnapshottingCluster"/> (there).</summary>
    private (IOrderActor Here, IOrderActor There) Activations()
    {
        var key = NewKey("order");
        return (Fixture.Grains.GetGrain<IOrderActor>(key.Id), Fixture.SnapshottingCluster.Client.GetGrain<IOrderActor>(key.Id));
    }

    [Fact]
    public async Task A_command_on_a_stale_activation_is_decided_again_on_the_newest_state()
    {
        var (here, there) = Activations();
        await here.CreateAsync(new CreateOrder(null, "SEK", null));
        await there.AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 1, 10m));

        var added = await here.AddOrderLineAsync(new AddOrderLine("l2", "SKU-2", 1, 5m));

        Assert.Equal(3, added.Version);
        var state = await here.GetAsync();
        Assert.Equal(["l1", "l2"], state!.Lines.Select(l => l.OrderLineId));
        Assert.Equal(15m, state.Total);
        Assert.Equal([1L, 2L, 3L], (await here.GetCheckpointsAsync()).Select(c => c.Version));
    }

    [Fact]
    public async Task A_command_the_newest_state_refuses_is_refused_on_a_stale_activation()
    {
        var (here, there) = Activations();
        await here.CreateAsync(new CreateOrder(null, "SEK", null));
        await there.AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 1, 10m));

        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => here.AddOrderLineAsync(new AddOrderLine("l1", "SKU-9", 9, 9m)));

        Assert.Equal(ActorErrorKind.BusinessRule, refusal.Kind);
        Assert.Contains("already has a line 'l1'", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, await here.GetVersionAsync());
        Assert.Equal(10m, (await here.GetAsync())!.Total);
    }
}
