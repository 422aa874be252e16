using Actors.Grains.Messages;
using Actors.Grains.Orders.Commands;

namespace Actors.Grains.Orders;

/// <summary>An order (grain type <c>order</c>): lines while open, deliveries until cancelled, open → confirmed → completed | cancelled.</summary>
public interface IOrderActor : IActorGrain<OrderState>
{
    /// <summary><c>create</c>: a new order, open.</summary>
    Task<CommandResult> CreateAsync(CreateOrder command, CancellationToken cancellationToken = default);

    /// <summary><c>setOrderState</c>: open → confirmed → completed, open | confirmed → cancelled.</summary>
    Task<CommandResult> SetOrderStateAsync(SetOrderState command, CancellationToken cancellationToken = default);

    /// <summary><c>addOrderLine</c>, only while open; an id is generated when none is given.</summary>
    Task<CommandResult> AddOrderLineAsync(AddOrderLine command, CancellationToken cancellationToken = default);

    /// <summary><c>removeOrderLine</c>, only while open.</summary>
    Task<CommandResult> RemoveOrderLineAsync(RemoveOrderLine command, CancellationToken cancellationToken = default);

    /// <summary><c>addDelivery</c>, not on a cancelled order; an id is generated when none is given.</summary>
    Task<CommandResult> AddDeliveryAsync(AddDelivery command, CancellationToken cancellationToken = default);

    /// <summary><c>setDeliveryState</c>: pending → shipped → delivered → returned, shipped → returned.</summary>
    Task<CommandResult> SetDeliveryStateAsync(SetDeliveryState command, CancellationToken cancellationToken = default);

    /// <summary><c>setCustomerEmail</c>: the customer's email (personal data: sealed at rest, erased by <c>erase</c>).</summary>
    Task<CommandResult> SetCustomerEmailAsync(SetCustomerEmail command, CancellationToken cancellationToken = default);
}
