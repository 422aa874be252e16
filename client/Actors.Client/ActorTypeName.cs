using Actors.Grains;
using Actors.Abstractions;

namespace Actors.Client;

/// <summary>The URL type name of an actor interface, by the grains' convention: <c>IOrderActor</c> is <c>order</c>.</summary>
internal static class ActorTypeName
{
    public static string Of<TActor>()
        where TActor : IActorGrain
    {
        var name = typeof(TActor).Name;
        if (!typeof(TActor).IsInterface || typeof(TActor) == typeof(IActorGrain) || (typeof(TActor).IsGenericType && typeof(TActor).GetGenericTypeDefinition() == typeof(IActorGrain<>)) || name.Length <= "IActor".Length
            || !name.StartsWith('I') || !name.EndsWith("Actor", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"{name} does not name an actor type; use an interface named I<Type>Actor (IOrderActor), or GetActor(type, id).", nameof(TActor));
        }

        var type = name[1..^"Actor".Length];
        return char.ToLowerInvariant(type[0]) + type[1..];
    }
}
