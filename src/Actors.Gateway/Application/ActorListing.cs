using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;

namespace Actors.Gateway.Application;

/// <summary>
/// Every actor of a type as it was at a point, filtered, paged in id order and masked for the caller: what
/// <c>GET /resources/actors/{type}</c> and the MCP <c>search</c> tool answer, <c>{ data, nextCursor }</c>.
/// </summary>
public static class ActorListing
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>A page of actors for <paramref name="caller"/>, and the tier (hot or archive) that served it.</summary>
    /// <exception cref="PermissionDeniedException">The caller may not read the actor type.</exception>
    public static async Task<(JsonObject Page, string Tier)> ReadAsync(Caller caller, AsOfReader reader, ActorListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        var descriptor = ActorAccess.Resolve(query.Type);
        Access.Require(caller, query.Type, "read", "Listing actors");
        if (query.AsOf is not null && query.AtVersion is not null)
        {
            throw ActorException.Invalid("Give 'asOf' or 'atVersion', not both.");
        }

        if (query.AtVersion is < 0)
        {
            throw ActorException.Invalid($"'atVersion' must be a global version (0 or more), not {query.AtVersion}.");
        }

        var limit = query.Limit is >= 1 and <= MaxLimit
            ? query.Limit
            : throw ActorException.Invalid($"'limit' must be an integer from 1 to {MaxLimit}, not {query.Limit}.");
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in query.Where ?? new Dictionary<string, string>())
        {
            where[field] = descriptor.ScalarFields.Contains(field)
                ? value
                : throw ActorException.Invalid($"Unknown field '{ActorAccess.Shorten(field)}' in 'where'. Fields of {descriptor.Name}: {string.Join(", ", descriptor.ScalarFields)}.");
        }

        var after = Cursor.Decode(query.Cursor);
        using var tier = HistoryTier.Scope();
        var (states, last, exhausted) = await reader.ReadPageAsync(
            descriptor, new AsOfPoint(query.AsOf is { } at ? Timestamps.Truncate(at) : null, query.AtVersion), where, after, limit, cancellationToken);
        var data = new JsonArray([.. states.Select(s => Access.Mask(caller, descriptor, s))]);
        return (new JsonObject { ["data"] = data, ["nextCursor"] = exhausted || last is null ? null : Cursor.Encode(last) }, tier.Tier);
    }
}
