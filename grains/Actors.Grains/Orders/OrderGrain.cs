using Actors.Grains.Messages;
using Actors.Grains.Orders.Commands;

namespace Actors.Grains.Orders;

/// <summary>The order grain (grain type <c>order</c>): its typed calls are one-message batches decided by <see cref="OrderRules"/>.</summary>
[GrainType("order")]
public sealed class OrderGrain(ActorGrainServices services) : ActorGrain<OrderState>(OrderRules.Instance, services), IOrderActor
{
    /// <inheritdoc />
    public Task<CommandResult> CreateAsync(CreateOrder command, CancellationToken cancellationToken = default) =>
        CommandAsync("create", command, GrainsJsonContext.Default.CreateOrder, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetOrderStateAsync(SetOrderState command, CancellationToken cancellationToken = default) =>
        CommandAsync("setOrderState", command, GrainsJsonContext.Default.SetOrderState, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AddOrderLineAsync(AddOrderLine command, CancellationToken cancellationToken = default) =>
        CommandAsync("addOrderLine", command, GrainsJsonContext.Default.AddOrderLine, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> RemoveOrderLineAsync(RemoveOrderLine command, CancellationToken cancellationToken = default) =>
        CommandAsync("removeOrderLine", command, GrainsJsonContext.Default.RemoveOrderLine, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AddDeliveryAsync(AddDelivery command, CancellationToken cancellationToken = default) =>
        CommandAsync("addDelivery", command, GrainsJsonContext.Default.AddDelivery, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetDeliveryStateAsync(SetDeliveryState command, CancellationToken cancellationToken = default) =>
        CommandAsync("setDeliveryState", command, GrainsJsonContext.Default.SetDeliveryState, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetCustomerEmailAsync(SetCustomerEmail command, CancellationToken cancellationToken = default) =>
        CommandAsync("setCustomerEmail", command, GrainsJsonContext.Default.SetCustomerEmail, cancellationToken);
}
