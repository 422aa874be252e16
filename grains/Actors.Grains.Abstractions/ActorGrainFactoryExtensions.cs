using Orleans.Runtime;

namespace Actors.Grains;

/// <summary>References to actor grains by URL name and id, the way the gateway and the clients address them.</summary>
public static class ActorGrainFactoryExtensions
{
    // GetGrain<T>(GrainId) resolves T's interface type from its attributes, by reflection, on every call (about 1% of the
    // machine under the gateway's write load); the type is the same for every actor, so it is resolved once.
    private static GrainInterfaceType? actorInterface;

    /// <summary>The grain of actor <paramref name="type"/>/<paramref name="id"/>: grain types are the URL names.</summary>
    public static IActorGrain GetActor(this IGrainFactory grains, string type, string id)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var grainId = GrainId.Create(type, id);
        if (actorInterface is { } known)
        {
            return (IActorGrain)grains.GetGrain(grainId, known);
        }

        var grain = grains.GetGrain<IActorGrain>(grainId);
        actorInterface = ((GrainReference)grain).InterfaceType;
        return grain;
    }
}
