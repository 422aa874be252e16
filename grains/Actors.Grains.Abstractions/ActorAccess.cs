using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Security;

namespace Actors.Grains;

/// <summary>
/// The one place a caller's request is resolved, authorized and its answers masked, whoever the caller is: the HTTP
/// gateway, the in-process or Orleans-client .NET client, an agent. The grains trust their callers; these checks make
/// every front door apply the same permissions before a grain is called.
/// </summary>
public static class ActorAccess
{
    /// <summary>The actor type named <paramref name="type"/>, after checking <paramref name="id"/> when given.</summary>
    /// <exception cref="ActorException">NotFound for an unknown type; InvalidMessage for a malformed id.</exception>
    public static ActorTypeDescriptor Resolve(string type, string? id = null)
    {
        var descriptor = ActorTypes.All.Find(type)
            ?? throw ActorException.NotFound($"Unknown actor type '{Shorten(type)}'. Known types: {string.Join(", ", ActorTypes.All.All.Select(t => t.Name))}.");
        if (id is not null && !ActorKey.IsValidId(id))
        {
            throw ActorException.Invalid($"Invalid actor id '{Shorten(id)}': an id is 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
        }

        return descriptor;
    }

    /// <summary>
    /// The permission a message of <paramref name="kind"/> needs: <c>read</c>, <c>write</c>, <c>rewind</c> or, in a preview,
    /// <c>rewind:preview</c>, and <c>erase</c> (in a preview too: it shows what an erasure would leave).
    /// </summary>
    public static string PermissionFor(MessageKind kind, bool preview) => kind switch
    {
        MessageKind.Read => "read",
        MessageKind.Write => "write",
        MessageKind.Erase => "erase",
        _ => preview ? "rewind:preview" : "rewind",
    };

    /// <summary>Checks every message of a batch before any runs: an unknown message is a 400, a missing permission a 403, each naming the message.</summary>
    /// <exception cref="MessageFailedException">A message type this actor type does not have.</exception>
    /// <exception cref="PermissionDeniedException">The caller lacks the permission a message needs.</exception>
    public static void Authorize(PermissionSet permissions, ActorTypeDescriptor type, IReadOnlyList<string> messageTypes, bool preview)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(messageTypes);
        for (var i = 0; i < messageTypes.Count; i++)
        {
            var kind = type.Classify(messageTypes[i])
                ?? throw new MessageFailedException(i, messageTypes[i], ActorException.Invalid(
                    $"Unknown message type '{Shorten(messageTypes[i])}' for actor type '{type.Name}'. Known types: {string.Join(", ", type.Messages.Keys.Order(StringComparer.Ordinal))}."));
            var permission = PermissionFor(kind, preview);
            if (!permissions.Allows(type.Name, permission))
            {
                throw new PermissionDeniedException($"actors/{type.Name}:{permission}", $"Message '{messageTypes[i]}'", i, messageTypes[i]);
            }
        }
    }

    /// <summary>Refuses with 403 unless the caller holds <paramref name="permission"/> on <paramref name="actorType"/>.</summary>
    /// <exception cref="PermissionDeniedException">The caller lacks it.</exception>
    public static void Require(PermissionSet permissions, string actorType, string permission, string what)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.Allows(actorType, permission))
        {
            throw new PermissionDeniedException($"actors/{actorType}:{permission}", what);
        }
    }

    /// <summary>Masks <paramref name="type"/>'s sensitive fields in <paramref name="node"/> (in place) unless the caller may see personal data.</summary>
    public static JsonNode? Mask(PermissionSet permissions, ActorTypeDescriptor type, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(type);
        return permissions.Allows(type.Name, "pii") ? node : SensitiveMasker.Mask(node, type.SensitiveFields);
    }

    /// <summary>A value quoted in an error, cut to a readable length.</summary>
    public static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 64 ? value : $"{value[..64]}...";
    }
}
