using System.Collections.Immutable;
using Actors.Abstractions.Errors;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Orders.Events;
using Actors.Grains;

namespace Actors.Grains.Orders;

/// <summary>An order: lines while open, deliveries until cancelled, and open → confirmed → completed | cancelled.</summary>
public sealed class OrderRules : ActorRules<OrderState>
{
    private OrderRules()
    {
    }

    /// <summary>The one instance: rules hold no state.</summary>
    public static OrderRules Instance { get; } = new();

    /// <inheritdoc />
    public override ActorTypeDescriptor Type => ActorTypes.Order;


    /// <inheritdoc />
    public override void Decide(CommandTurn<OrderState> turn, string type, object command) => new Decision(turn).Handle(type, command);


    public override OrderState Apply(OrderState? state, IActorEvent e) => e switch
    {
        OrderCreated c => new OrderState
        {
            OrderId = c.OrderId,
            Status = OrderStatus.Open,
            OrderNumber = c.OrderNumber,
            Currency = c.Currency,
            CustomerEmail = c.CustomerEmail,
        },
        OrderStateChanged c => state! with { Status = c.OrderState },
        CustomerEmailSet c => state! with { CustomerEmail = c.CustomerEmail },
        OrderLineAdded a => WithLines(state!, state!.Lines.Add(new OrderLine(a.OrderLineId, a.Sku, a.Quantity, a.UnitPrice, a.Quantity * a.UnitPrice))),
        OrderLineRemoved r => WithLines(state!, state!.Lines.RemoveAll(l => l.OrderLineId == r.OrderLineId)),
        DeliveryAdded a => state! with { Deliveries = state.Deliveries.Add(new Delivery(a.DeliveryId, DeliveryStatus.Pending)) },
        DeliveryStateChanged c => state! with
        {
            Deliveries = state.Deliveries.ConvertAll(d => d.DeliveryId == c.DeliveryId ? d with { DeliveryState = c.DeliveryState } : d),
        },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    /// <inheritdoc />
    public override OrderState AfterRestore(OrderState state) => WithLines(state, state.Lines);

    private static OrderState WithLines(OrderState state, ImmutableList<OrderLine> lines) =>
        state with { Lines = lines, Total = lines.Sum(l => l.Total) };

    /// <summary>One command's decision: validates it against the state so far and raises its events.</summary>
    private sealed class Decision(CommandTurn<OrderState> turn)
    {
        private OrderState Current => turn.State!;

        /// <inheritdoc />
        public void Handle(string type, object body)
        {
            switch (body)
            {
                case CreateOrder c:
                    turn.Raise(new OrderCreated(
                        turn.Id,
                        c.OrderNumber,
                        Validate.Currency(c.Currency),
                        Validate.OptionalEmail(c.CustomerEmail, "customerEmail")));
                    break;
                case SetOrderState c:
                    SetOrderState(WireEnum.Parse(c.OrderState, "orderState", GrainsJsonContext.Default.OrderStatus));
                    break;
                case AddOrderLine c:
                    AddLine(c);
                    break;
                case RemoveOrderLine c:
                    RemoveLine(Validate.Required(c.OrderLineId, "orderLineId"));
                    break;
                case AddDelivery c:
                    AddDelivery(Validate.OptionalId(c.DeliveryId, "deliveryId") ?? CommandContext.NewId());
                    break;
                case SetCustomerEmail c:
                    turn.Raise(new CustomerEmailSet(Validate.OptionalEmail(Validate.Required(c.CustomerEmail, "customerEmail"), "customerEmail")!));
                    break;
                case SetDeliveryState c:
                    SetDeliveryState(
                        Validate.Required(c.DeliveryId, "deliveryId"),
                        WireEnum.Parse(c.DeliveryState, "deliveryState", GrainsJsonContext.Default.DeliveryStatus));
                    break;
                default:
                    throw new InvalidOperationException($"The order actor has no handler for '{type}'.");
            }
        }

        private void SetOrderState(OrderStatus target)
        {
            var from = Current.Status;
            if (from == target)
            {
                throw ActorException.Rule($"Field 'orderState' is already '{Name(from)}'; setOrderState must change it.");
            }

            if (from is OrderStatus.Completed or OrderStatus.Cancelled)
            {
                throw ActorException.Rule($"Field 'orderState' cannot change from '{Name(from)}' to '{Name(target)}': a {Name(from)} order is final.");
            }

            if (!CanMove(from, target))
            {
                var allowed = string.Join(", ", Enum.GetValues<OrderStatus>().Where(s => CanMove(from, s)).Select(Name));
                throw ActorException.Rule($"Field 'orderState' cannot change from '{Name(from)}' to '{Name(target)}'; from '{Name(from)}' it can become: {allowed}.");
            }

            turn.Raise(new OrderStateChanged(target));
        }

        private void AddLine(AddOrderLine c)
        {
            var id = Validate.OptionalId(c.OrderLineId, "orderLineId") ?? CommandContext.NewId();
            var sku = Validate.Required(c.Sku, "sku");
            var quantity = c.Quantity;
            if (quantity is < 1 or > Validate.MaxQuantity)
            {
                throw ActorException.Invalid($"Field 'quantity' must be between 1 and {Validate.MaxQuantity}; {quantity} is not.");
            }

            var unitPrice = Validate.Money(c.UnitPrice, "unitPrice", positive: false);
            EnsureOpen("addOrderLine");
            if (Current.Lines.Exists(l => l.OrderLineId == id))
            {
                throw ActorException.Rule($"Field 'orderLineId': the order already has a line '{id}'.");
            }

            turn.Raise(new OrderLineAdded(id, sku, quantity, unitPrice));
        }

        private void RemoveLine(string id)
        {
            EnsureOpen("removeOrderLine");
            if (!Current.Lines.Exists(l => l.OrderLineId == id))
            {
                throw ActorException.Rule($"Field 'orderLineId': the order has no line '{id}'.");
            }

            turn.Raise(new OrderLineRemoved(id));
        }

        private void AddDelivery(string id)
        {
            if (Current.Status == OrderStatus.Cancelled)
            {
                throw ActorException.Rule("addDelivery is refused: field 'orderState' is 'cancelled'.");
            }

            if (Current.Deliveries.Exists(d => d.DeliveryId == id))
            {
                throw ActorException.Rule($"Field 'deliveryId': the order already has a delivery '{id}'.");
            }

            turn.Raise(new DeliveryAdded(id));
        }

        private void SetDeliveryState(string id, DeliveryStatus target)
        {
            var delivery = Current.Deliveries.Find(d => d.DeliveryId == id)
                ?? throw ActorException.Rule($"Field 'deliveryId': the order has no delivery '{id}'.");
            var from = delivery.DeliveryState;
            if (!CanMove(from, target))
            {
                var allowed = Enum.GetValues<DeliveryStatus>().Where(s => CanMove(from, s)).Select(Name).ToList();
                throw ActorException.Rule(
                    $"Field 'deliveryState' of delivery '{id}' cannot change from '{Name(from)}' to '{Name(target)}'; "
                    + (allowed.Count == 0 ? $"'{Name(from)}' is final." : $"from '{Name(from)}' it can become: {string.Join(", ", allowed)}."));
            }

            turn.Raise(new DeliveryStateChanged(id, target));
        }

        private void EnsureOpen(string command)
        {
            if (Current.Status != OrderStatus.Open)
            {
                throw ActorException.Rule($"{command} is refused: lines change only while field 'orderState' is 'open', and it is '{Name(Current.Status)}'.");
            }
        }

        private static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
        {
            (OrderStatus.Open, OrderStatus.Confirmed) => true,
            (OrderStatus.Confirmed, OrderStatus.Completed) => true,
            (OrderStatus.Open or OrderStatus.Confirmed, OrderStatus.Cancelled) => true,
            _ => false,
        };

        private static bool CanMove(DeliveryStatus from, DeliveryStatus to) => (from, to) switch
        {
            (DeliveryStatus.Pending, DeliveryStatus.Shipped) => true,
            (DeliveryStatus.Shipped, DeliveryStatus.Delivered or DeliveryStatus.Returned) => true,
            (DeliveryStatus.Delivered, DeliveryStatus.Returned) => true,
            _ => false,
        };

        private static string Name(OrderStatus value) => WireEnum.Name(value, GrainsJsonContext.Default.OrderStatus);

        private static string Name(DeliveryStatus value) => WireEnum.Name(value, GrainsJsonContext.Default.DeliveryStatus);
    }
}
