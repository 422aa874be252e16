using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Client.Transport;
using Actors.Grains;

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

    /// <summary>What the contracts know about actor type <paramref name="type"/> (<c>order</c>): its fields, edges and state record.</summary>
    /// <exception cref="ActorRefusedException">NotFound for an unknown type, as the server answers it.</exception>
    public static ActorTypeDescriptor Descriptor(string type)
    {
        try
        {
            return ActorAccess.Resolve(type);
        }
        catch (ActorException e)
        {
            throw new ActorRefusedException(e.Kind, ProblemDetails.StatusOf(e.Kind), ProblemDetails.ForKind(e.Kind, e.Message));
        }
    }
}
