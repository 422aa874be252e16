using Actors.Grains.Orders;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;

namespace Actors.Client.Tests;

/// <summary>Reading an actor as its contract record, on every transport.</summary>
public abstract partial class ClientBehaviourTests
{
    [Fact]
    public async Task A_typed_query_reads_every_field_and_edge_into_the_state_record()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.Batch().AddDelivery("d1").AddTag("vip").SendAsync();

        var state = await order.QueryAsync<OrderState>();
        var then = await order.GetStateAsync<OrderState>(HistoryPoint.AtVersion(1));
        var before = await order.GetStateAsync<OrderState>(HistoryPoint.AtVersion(0));

        Assert.Equal((order.Key.Id, OrderStatus.Open, "1001", "SEK", 398m), (state.OrderId, state.Status, state.OrderNumber, state.Currency, state.Total));
        Assert.Equal(("l1", "TSHIRT", 2, 398m), (Assert.Single(state.Lines).OrderLineId, state.Lines[0].Sku, state.Lines[0].Quantity, state.Lines[0].Total));
        Assert.Equal(("d1", DeliveryStatus.Pending), (Assert.Single(state.Deliveries).DeliveryId, state.Deliveries[0].DeliveryState));
        Assert.Equal(["vip"], state.Tags);
        Assert.Equal((1, 0), (then!.Lines.Count, then.Deliveries.Count));
        Assert.Null(before);
        await Assert.ThrowsAsync<ArgumentException>(() => order.QueryAsync<PaymentState>());
    }

    [Fact]
    public async Task A_typed_query_holds_masked_fields_as_the_caller_may_see_them()
    {
        await using var admin = Admin;
        var payment = admin.GetActor<IPaymentActor>(NewId("pay"));
        await payment.Batch().Create(new CreatePayment(100m, "SEK", null, "4111 1111 1111 1111")).SendAsync();
        await using var reader = Client(TestPrincipal.Reader);

        var full = await payment.QueryAsync<PaymentState>();
        var masked = await reader.GetActor<IPaymentActor>(payment.Key.Id).QueryAsync<PaymentState>();

        Assert.Equal(("4111111111111111", PaymentStatus.Pending, 100m), (full.CardNumber, full.Status, full.Amount));
        Assert.Equal("****1111", masked.CardNumber);
    }
}
