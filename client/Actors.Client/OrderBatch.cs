using Actors.Grains;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client;

/// <summary>The order's commands on a batch: <c>order.Batch().Create(new CreateOrder("1001", "SEK", null)).AddOrderLine(...)</c>.</summary>
public static class OrderBatch
{
    /// <summary>Adds <c>create</c>: a new order, <c>open</c>.</summary>
    public static ActorBatch<IOrderActor> Create(this ActorBatch<IOrderActor> batch, CreateOrder command) =>
        batch.Add(ActorCommand.Create("create", command, GrainsJsonContext.Default.CreateOrder));

    /// <summary>Adds <c>setOrderState</c>: open → confirmed → completed, open|confirmed → cancelled.</summary>
    public static ActorBatch<IOrderActor> SetOrderState(this ActorBatch<IOrderActor> batch, string orderState) =>
        batch.Add(ActorCommand.Create("setOrderState", new SetOrderState(orderState), GrainsJsonContext.Default.SetOrderState));

    /// <summary>Adds <c>addOrderLine</c> (only while open); an id is generated when <see cref="AddOrderLine.OrderLineId"/> is null.</summary>
    public static ActorBatch<IOrderActor> AddOrderLine(this ActorBatch<IOrderActor> batch, AddOrderLine command) =>
        batch.Add(ActorCommand.Create("addOrderLine", command, GrainsJsonContext.Default.AddOrderLine));

    /// <summary>Adds <c>removeOrderLine</c> (only while open).</summary>
    public static ActorBatch<IOrderActor> RemoveOrderLine(this ActorBatch<IOrderActor> batch, string orderLineId) =>
        batch.Add(ActorCommand.Create("removeOrderLine", new RemoveOrderLine(orderLineId), GrainsJsonContext.Default.RemoveOrderLine));

    /// <summary>Adds <c>addDelivery</c> (not on cancelled orders); an id is generated when <paramref name="deliveryId"/> is null.</summary>
    public static ActorBatch<IOrderActor> AddDelivery(this ActorBatch<IOrderActor> batch, string? deliveryId = null) =>
        batch.Add(ActorCommand.Create("addDelivery", new AddDelivery(deliveryId), GrainsJsonContext.Default.AddDelivery));

    /// <summary>Adds <c>setDeliveryState</c>: pending → shipped → delivered → returned, shipped → returned.</summary>
    public static ActorBatch<IOrderActor> SetDeliveryState(this ActorBatch<IOrderActor> batch, string deliveryId, string deliveryState) =>
        batch.Add(ActorCommand.Create("setDeliveryState", new SetDeliveryState(deliveryId, deliveryState), GrainsJsonContext.Default.SetDeliveryState));

    /// <summary>Adds <c>setCustomerEmail</c>: the customer's email (personal data).</summary>
    public static ActorBatch<IOrderActor> SetCustomerEmail(this ActorBatch<IOrderActor> batch, string customerEmail) =>
        batch.Add(ActorCommand.Create("setCustomerEmail", new SetCustomerEmail(customerEmail), GrainsJsonContext.Default.SetCustomerEmail));
}
