using System.Text.Json.Nodes;
using Actors.Grains;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// How one mapped route is described: <paramref name="Method"/> and <paramref name="Route"/> as the endpoint data
/// source has them. A route with <c>{type}</c> is described once per hosted actor type, with that type's schemas.
/// </summary>
internal sealed record OperationSpec(string Method, string Route, Func<ActorTypeDescriptor?, JsonObject> Build)
{
    /// <summary>An operation: tag, id, summary and description, the rest added by the caller.</summary>
    public static JsonObject Operation(string tag, string operationId, string summary, string description) => new()
    {
        ["tags"] = new JsonArray(tag),
        ["operationId"] = operationId,
        ["summary"] = summary,
        ["description"] = description,
    };

    /// <summary>An operation anyone may call: it overrides the document's bearer requirement.</summary>
    public static JsonObject Anonymous(JsonObject operation)
    {
        operation["security"] = new JsonArray();
        return operation;
    }
}
