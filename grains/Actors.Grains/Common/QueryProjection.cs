using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Grains.Messages;

namespace Actors.Grains;

/// <summary>Answers a <c>query</c>: exactly the asked fields, edges as arrays of nodes.</summary>
internal static class QueryProjection
{
    public static JsonObject Project(JsonObject state, QuerySpec? spec, ActorTypeDescriptor type)
    {
        var result = new JsonObject();
        var known = new HashSet<string>(type.ScalarFields, StringComparer.Ordinal);
        known.UnionWith(type.Edges.Keys);
        foreach (var field in spec?.Fields ?? type.ScalarFields)
        {
            if (field is null || !known.Contains(field))
            {
                throw ActorException.Invalid(
                    $"Unknown field '{field}' for {type.Name}. Known fields: {string.Join(", ", type.ScalarFields)}; edges: {string.Join(", ", type.Edges.Keys)}.");
            }

            result[field] = state[field]?.DeepClone();
        }

        foreach (var navigate in spec?.Navigate ?? [])
        {
            if (navigate?.Edge is not { } edgeName || !type.Edges.TryGetValue(edgeName, out var edge))
            {
                throw ActorException.Invalid(
                    $"Unknown edge '{navigate?.Edge}' for {type.Name}. Known edges: {string.Join(", ", type.Edges.Keys)}.");
            }

            var nodes = new JsonArray();
            foreach (var node in state[edgeName]?.AsArray() ?? [])
            {
                nodes.Add(ProjectNode(node!.AsObject(), navigate.Node, edge));
            }

            result[edgeName] = nodes;
        }

        return result;
    }

    private static JsonObject ProjectNode(JsonObject node, QuerySpec? spec, EdgeDescriptor edge)
    {
        if (spec?.Navigate is { Count: > 0 } navigate)
        {
            throw ActorException.Invalid($"Unknown edge '{navigate[0]?.Edge}' under '{edge.Name}': its nodes have no edges.");
        }

        var result = new JsonObject();
        foreach (var field in spec?.Fields ?? edge.Fields)
        {
            if (field is null || !edge.Fields.Contains(field))
            {
                throw ActorException.Invalid(
                    $"Unknown field '{field}' on edge '{edge.Name}'. Known fields: {string.Join(", ", edge.Fields)}.");
            }

            result[field] = node[field]?.DeepClone();
        }

        return result;
    }
}
