using Actors.Grains.Messages;

namespace Actors.Client;

/// <summary>
/// What a <c>query</c> answers: <see cref="Fields"/> (none: every scalar field and <c>version</c>) and edges
/// to follow. <c>ActorQuery.Select("orderId", "total").Include("lines", ActorQuery.Select("sku", "quantity"))</c>.
/// </summary>
public sealed record ActorQuery
{
    /// <summary>Every scalar field and <c>version</c>, no edges.</summary>
    public static ActorQuery All { get; } = new();

    /// <summary>The fields to answer; null answers every scalar field.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>The edges to follow, each with what to answer for its nodes.</summary>
    public IReadOnlyList<EdgeQuery> Navigate { get; init; } = [];

    /// <summary>
    /// Every field of actor type <paramref name="actorType"/> (<c>order</c>), each edge with all of its nodes' fields, and
    /// <c>version</c>: the whole state, as <c>getState</c> answers it.
    /// </summary>
    /// <exception cref="ActorRefusedException">NotFound for an unknown actor type.</exception>
    public static ActorQuery Everything(string actorType) =>
        ActorTypeName.Descriptor(actorType).Edges.Keys.Aggregate(All, (query, edge) => query.Include(edge));

    /// <summary>A query of exactly <paramref name="fields"/>.</summary>
    public static ActorQuery Select(params string[] fields) => new() { Fields = fields };

    /// <summary>This query, also following <paramref name="edge"/> and answering <paramref name="node"/> for each node on it.</summary>
    public ActorQuery Include(string edge, ActorQuery? node = null) =>
        this with { Navigate = [.. Navigate, new EdgeQuery(edge, node ?? All)] };

    internal QuerySpec ToSpec() =>
        new(Fields, Navigate.Count == 0 ? null : [.. Navigate.Select(n => new NavigateSpec(n.Edge, n.Node.ToSpec()))]);
}
