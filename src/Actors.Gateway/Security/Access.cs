using System.Text.Json.Nodes;
using Actors.Abstractions.Security;
using Actors.Gateway.Http;
using Actors.Runtime.Entities;
using Actors.Runtime.Hosting;

namespace Actors.Gateway.Security;

/// <summary>Permission checks and masking for requests that are not batches.</summary>
public static class Access
{
    /// <summary>Refuses with 403 unless the caller holds <paramref name="permission"/> on <paramref name="actorType"/>.</summary>
    public static void Require(Caller caller, string actorType, string permission, string what)
    {
        if (!caller.Permissions.Allows(actorType, permission))
        {
            throw new PermissionDeniedException($"actors/{actorType}:{permission}", what);
        }
    }

    /// <summary>Refuses with 403 unless the caller holds <paramref name="permission"/> on every hosted actor type.</summary>
    public static void RequireEverywhere(Caller caller, ActorRuntime runtime, string permission, string what)
    {
        if (!runtime.Types.All.All(t => caller.Permissions.Allows(t.Name, permission)))
        {
            throw new PermissionDeniedException($"actors/*:{permission}", $"{what} across every actor type (name one with 'actorType' to need less)");
        }
    }

    /// <summary>Masks <paramref name="descriptor"/>'s sensitive fields in <paramref name="node"/> unless the caller may see personal data.</summary>
    public static JsonNode? Mask(Caller caller, ActorTypeDescriptor descriptor, JsonNode? node) =>
        caller.Permissions.Allows(descriptor.Name, "pii") ? node : SensitiveMasker.Mask(node, descriptor.SensitiveFields);
}
