using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests;

/// <summary>A silo's own code gets an in-process client from its services.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class InProcessRegistrationTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task AddInProcessActorsClient_registers_a_client_of_the_silo_s_runtime_under_its_principal()
    {
        var services = new ServiceCollection().AddSingleton(fixture.Runtime).AddInProcessActorsClient("billing-job");
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ActorsClient>();
        var order = client.GetActor<IOrderActor>($"ord-{Guid.NewGuid():N}");

        await order.Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();

        Assert.Same(client, provider.GetRequiredService<ActorsClient>());
        Assert.Equal("billing-job", (await order.GetCheckpointPageAsync(1))[0].Principal);
        Assert.IsType<ActorRuntime>(provider.GetRequiredService<ActorRuntime>());
    }

    [Fact]
    public void A_typed_command_keeps_its_record_for_the_actor_and_its_json_for_the_checkpoint()
    {
        var record = new AddOrderLine(null, "SKU", 1, 2m);

        var command = ActorCommand.Create("addOrderLine", record, Grains.GrainsJsonContext.Default.AddOrderLine);

        Assert.Same(record, command.Typed);
        Assert.Equal("""{"sku":"SKU","quantity":1,"unitPrice":2}""", command.Body.ToJsonString());
        Assert.False(command.IsRead);
        Assert.True(ActorCommand.Query().IsRead);
    }
}
