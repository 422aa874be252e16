using Actors.Client.Tests.Samples;
using Actors.Grains.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests;

/// <summary>The README's three .NET callers, run as written against a silo; each may run again (the order is there then).</summary>
[Collection(InSiloCollection.Name)]
public sealed class SampleTests(InSiloFixture fixture)
{
    private static string NewId() => $"ord-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_in_silo_sample_writes_through_the_client_and_the_grain_of_the_silo_s_own_factory()
    {
        var id = NewId();
        var sample = fixture.Silo.App.Services.GetRequiredService<InSiloSample>();

        var total = await sample.BillAsync(id);
        var again = await sample.BillAsync(id);

        Assert.Equal((398m, 398m), (total, again));
        await using var admin = fixture.InSiloClient(TestPrincipal.Admin);
        var checkpoints = await admin.GetActor<IOrderActor>(id).GetCheckpointsAsync().ToListAsync();
        Assert.Equal(["CREATE", "UPDATE", "UPDATE"], checkpoints.Select(c => c.Operation));
        Assert.All(checkpoints, c => Assert.Equal("billing-job", c.Principal));
    }

    [Fact]
    public async Task The_Orleans_client_sample_connects_to_the_silo_s_gateway_port()
    {
        var id = NewId();

        var state = await OrleansClientSample.RunAsync(fixture.Silo.GatewayPort, id);
        var again = await OrleansClientSample.RunAsync(fixture.Silo.GatewayPort, id);

        Assert.Equal((id, OrderStatus.Open, 120m), (state!.OrderId, state.Status, state.Total));
        Assert.Equal(state.Total, again!.Total);
        await using var admin = fixture.InSiloClient(TestPrincipal.Admin);
        var checkpoint = Assert.Single(await admin.GetActor<IOrderActor>(id).GetCheckpointsAsync().ToListAsync());
        Assert.Equal("shop", checkpoint.Principal);
    }

    [Fact]
    public async Task The_HTTP_sample_reaches_the_silo_with_a_token()
    {
        var id = NewId();

        var order = await HttpSample.RunAsync(fixture.BaseAddress, TestPrincipal.Admin.Token, id);
        var again = await HttpSample.RunAsync(fixture.BaseAddress, TestPrincipal.Admin.Token, id);

        Assert.Equal($$"""{"orderId":"{{id}}","orderState":"open","total":240}""", order.ToJsonString());
        Assert.Equal(order.ToJsonString(), again.ToJsonString());
    }
}
