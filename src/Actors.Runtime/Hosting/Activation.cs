using Actors.Abstractions;

namespace Actors.Runtime.Hosting;

/// <summary>One live actor: its instance, its one-turn-at-a-time gate and when it was last used.</summary>
internal sealed class Activation(ActorKey key, ActorBase actor, long now)
{
    public ActorKey Key { get; } = key;

    public ActorBase Actor { get; } = actor;

    /// <summary>Admits one turn at a time.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public long LastUsed { get; private set; } = now;

    /// <summary>Set under the gate when the collector removed this activation; a caller that finds it set tries again.</summary>
    public bool IsDeactivated { get; set; }

    public void Touch(long now) => LastUsed = now;
}
