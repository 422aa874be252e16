using Actors.Abstractions.Errors;
using Actors.Grains.Events;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Orders.Events;

namespace Actors.Grains.Tests.Orders;

/// <summary><see cref="OrderRules"/> called directly: decide and apply need no silo, no journal and no Orleans.</summary>
public sealed class OrderRulesTests
{
    private static readonly OrderRules Rules = OrderRules.Instance;

    private static CommandTurn<OrderState> Turn(OrderState? state) =>
        new(Rules, "ord-1", state, new CommandContext("tester", DateTimeOffset.UnixEpoch));

    private static OrderState Open() =>
        Rules.Apply(null, new OrderCreated("ord-1", "1001", "SEK", null));

    [Fact]
    public void Create_decides_an_order_created_event_for_the_turn_id()
    {
        var turn = Turn(null);

        Rules.Decide(turn, "create", new CreateOrder("1001", "SEK", "ada@example.com"));

        Assert.Equal([new OrderCreated("ord-1", "1001", "SEK", "ada@example.com")], turn.Events);
        Assert.Equal((OrderStatus.Open, 0m), (turn.State!.Status, turn.State.Total));
    }

    [Fact]
    public void Add_order_line_decides_a_line_added_event_and_apply_adds_the_line_to_the_total()
    {
        var turn = Turn(Open());

        Rules.Decide(turn, "addOrderLine", new AddOrderLine("l1", "SKU-1", 3, 2.5m));
        var state = Rules.Apply(Open(), Assert.Single(turn.Events));

        Assert.Equal(new OrderLineAdded("l1", "SKU-1", 3, 2.5m), turn.Events[0]);
        Assert.Equal(new OrderLine("l1", "SKU-1", 3, 2.5m, 7.5m), Assert.Single(state.Lines));
        Assert.Equal(7.5m, state.Total);
    }

    [Fact]
    public void Later_commands_of_a_turn_are_decided_against_the_earlier_ones()
    {
        var turn = Turn(Open());

        Rules.Decide(turn, "addOrderLine", new AddOrderLine("l1", "SKU-1", 1, 4m));
        Rules.Decide(turn, "removeOrderLine", new RemoveOrderLine("l1"));
        Rules.Decide(turn, "setOrderState", new SetOrderState("confirmed"));

        Assert.Equal([typeof(OrderLineAdded), typeof(OrderLineRemoved), typeof(OrderStateChanged)], turn.Events.Select(e => e.GetType()));
        Assert.Equal((OrderStatus.Confirmed, 0m), (turn.State!.Status, turn.State.Total));
    }

    [Fact]
    public void A_refused_command_throws_its_kind_and_raises_nothing()
    {
        var confirmed = Rules.Apply(Open(), new OrderStateChanged(OrderStatus.Confirmed));
        var turn = Turn(confirmed);

        var refusal = Assert.Throws<ActorException>(() => Rules.Decide(turn, "addOrderLine", new AddOrderLine("l1", "SKU-1", 1, 1m)));

        Assert.Equal(ActorErrorKind.BusinessRule, refusal.Kind);
        Assert.Empty(turn.Events);
        Assert.Same(confirmed, turn.State);
    }

    [Fact]
    public void Folding_the_decided_events_from_nothing_gives_the_turn_state()
    {
        var turn = Turn(null);
        Rules.Decide(turn, "create", new CreateOrder(null, "EUR", null));
        Rules.Decide(turn, "addOrderLine", new AddOrderLine("l1", "SKU-1", 2, 10m));
        Rules.Decide(turn, "addDelivery", new AddDelivery("d1"));
        Rules.Decide(turn, "setDeliveryState", new SetDeliveryState("d1", "shipped"));

        var folded = turn.Events.Aggregate((OrderState?)null, Rules.Transition);

        Assert.Equivalent(turn.State, folded, strict: true);
    }

    [Fact]
    public void Apply_refuses_an_event_of_another_type()
    {
        Assert.Throws<InvalidOperationException>(() => Rules.Apply(Open(), new TagAdded("vip")));
    }
}
