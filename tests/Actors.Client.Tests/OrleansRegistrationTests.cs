using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Client.Tests;

/// <summary><c>AddOrleansActorsClient</c>: in a silo's services and in an Orleans client host's services.</summary>
[Collection(InSiloCollection.Name)]
public sealed class OrleansRegistrationTests(InSiloFixture fixture)
{
    [Fact]
    public async Task In_a_silo_s_services_it_registers_one_client_of_the_silo_s_grains_under_its_principal()
    {
        var services = fixture.Silo.App.Services;
        var client = services.GetRequiredService<ActorsClient>();
        var order = client.GetActor<IOrderActor>($"ord-{Guid.NewGuid():N}");

        await order.Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();

        Assert.Same(client, services.GetRequiredService<ActorsClient>());
        Assert.Equal("billing-job", (await order.GetCheckpointPageAsync(1))[0].Principal);
        Assert.Equal(1, await fixture.Grains.GetGrain<IOrderActor>(order.Key.Id).GetVersionAsync());
    }

    [Fact]
    public async Task In_an_Orleans_client_host_s_services_it_checks_and_masks_with_the_permissions_it_was_given()
    {
        await using var admin = fixture.InSiloClient(TestPrincipal.Admin);
        var payment = admin.GetActor<IPaymentActor>($"pay-{Guid.NewGuid():N}");
        await payment.Batch().Create(new CreatePayment(100m, "SEK", null, "4111 1111 1111 1111")).SendAsync();
        using var host = await OrleansClientHost.StartAsync(
            fixture.Silo.GatewayPort, services => services.AddOrleansActorsClient("reporting", ["actors/payment:read"]));

        var client = host.Services.GetRequiredService<ActorsClient>();
        var read = await client.GetActor<IPaymentActor>(payment.Key.Id).QueryAsync(ActorQuery.Select("cardNumber"));
        var forbidden = await Assert.ThrowsAsync<ActorForbiddenException>(
            () => client.GetActor<IPaymentActor>(payment.Key.Id).SendAsync(ActorCommand.AddTag("x")));

        Assert.Same(client, host.Services.GetRequiredService<ActorsClient>());
        Assert.Equal("****1111", (string?)read["cardNumber"]);
        Assert.Equal(("actors/payment:write", 0), (forbidden.Permission, forbidden.MessageIndex));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_Orleans_client_without_the_actors_json_codec_is_told_what_to_register()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(fixture.Silo.GatewayPort));
        builder.Services.AddOrleansActorsClient("forgetful");
        using var host = builder.Build();
        await host.StartAsync();

        var registered = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<ActorsClient>());
        var direct = Assert.Throws<InvalidOperationException>(() => ActorsClient.Orleans(host.Services.GetRequiredService<IClusterClient>(), "forgetful"));

        Assert.Contains("AddSerializer(s => s.AddActorsJson())", registered.Message, StringComparison.Ordinal);
        Assert.Equal(registered.Message, direct.Message);
        await host.StopAsync();
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
