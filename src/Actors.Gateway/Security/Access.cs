using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Grains;

namespace Actors.Gateway.Security;

/// <summary>The caller's checks and masking, through the one <see cref="ActorAccess"/> every front door shares.</summary>
public static class Access
{
    /// <summary>Refuses with 403 unless the caller holds <paramref name="permission"/> on <paramref name="actorType"/>.</summary>
    public static void Require(Caller caller, string actorType, string permission, string what) =>
        ActorAccess.Require(caller.Permissions, actorType, permission, what);

    /// <summary>Refuses with 403 unless the caller holds <paramref name="permission"/> on every hosted actor type.</summary>
    public static void RequireEverywhere(Caller caller, string permission, string what)
    {
        if (!ActorTypes.All.All.All(t => caller.Permissions.Allows(t.Name, permission)))
        {
            throw new PermissionDeniedException($"actors/*:{permission}", $"{what} across every actor type (name one with 'actorType' to need less)");
        }
    }

    /// <summary>Masks <paramref name="descriptor"/>'s sensitive fields in <paramref name="node"/> unless the caller may see personal data.</summary>
    public static JsonNode? Mask(Caller caller, ActorTypeDescriptor descriptor, JsonNode? node) =>
        ActorAccess.Mask(caller.Permissions, descriptor, node);
}
