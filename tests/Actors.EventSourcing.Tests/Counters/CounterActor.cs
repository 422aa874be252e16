using Actors.Abstractions.Errors;
using Actors.Grains;

namespace Actors.Runtime.Tests.Counters;

/// <summary>The smallest entity actor: enough to test the runtime without the business grains.</summary>
public sealed class CounterActor : EntityActor<CounterState>
{
    public static readonly ActorTypeDescriptor Type =
        ActorTypeDescriptor.For("counter", "Counter", "counterId", CounterJsonContext.Default.CounterState, () => new CounterActor())
            .Command("create", CounterJsonContext.Default.CreateCounter)
            .Command("increment", CounterJsonContext.Default.Increment)
            .Event("Created", CounterJsonContext.Default.CounterCreated)
            .Event("Incremented", CounterJsonContext.Default.Incremented)
            .Build();

    protected override ActorTypeDescriptor Descriptor => Type;

    protected override void HandleCommand(string type, object body, CommandContext context)
    {
        switch (body)
        {
            case CreateCounter:
                RaiseEvent(new CounterCreated(Key.Id));
                break;
            case Increment { By: > 0 and var by }:
                RaiseEvent(new Incremented(by));
                break;
            case Increment:
                throw ActorException.Rule("Field 'by' must be a positive number.");
            default:
                throw new InvalidOperationException($"Unhandled command {type}.");
        }
    }

    protected override CounterState ApplyEvent(CounterState? state, IActorEvent e) => e switch
    {
        CounterCreated c => new CounterState(c.CounterId, 0),
        Incremented i => state! with { Value = state.Value + i.By },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
    };
}
