using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

/// <summary>One actor in a cluster of two silos: whichever silo a call enters through, it reaches the one activation.</summary>
public abstract class TwoSiloTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : TwoSiloTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : TwoSiloTests(cluster);

    [Fact]
    public async Task The_same_actor_called_through_both_silos_has_one_activation_and_gapless_versions()
    {
        var key = NewKey("order");
        var silos = Fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();
        Assert.Equal(2, silos.Count);
        await silos[0].GetGrain<IOrderActor>(key.Id).CreateAsync(new CreateOrder(null, "SEK", null));

        var lines = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            silos[i % 2].GetGrain<IOrderActor>(key.Id).AddOrderLineAsync(new AddOrderLine($"l{i}", "SKU-1", 1, 1m))));

        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), lines.Select(l => l.Version).Order());
        Assert.Equal(1, await ActivationsAsync(key));
        var checkpoints = await TypedGrain<IOrderActor>(key).GetCheckpointsAsync();
        Assert.Equal(Enumerable.Range(1, 21).Select(v => (long)v), checkpoints.Select(c => c.Version));
        Assert.Equal(lines.Select(l => l.CheckpointId).Order(), checkpoints.Skip(1).Select(c => c.CheckpointId).Order());
        Assert.Equal(20m, (await silos[1].GetGrain<IOrderActor>(key.Id).GetAsync())!.Total);
    }

    [Fact]
    public async Task After_deactivation_the_actor_reactivates_through_either_silo_with_its_state()
    {
        var key = NewKey("order");
        var silos = Fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();
        await silos[0].GetGrain<IOrderActor>(key.Id).CreateAsync(new CreateOrder("7", "SEK", null));
        await silos[1].GetGrain<IOrderActor>(key.Id).AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 3, 2m));

        await DeactivateAsync(key);
        var added = await silos[1].GetGrain<IOrderActor>(key.Id).AddOrderLineAsync(new AddOrderLine("l2", "SKU-2", 1, 4m));

        Assert.Equal(3, added.Version);
        Assert.Equal(10m, (await silos[0].GetGrain<IOrderActor>(key.Id).GetAsync())!.Total);
        Assert.Equal(1, await ActivationsAsync(key));
    }
}
