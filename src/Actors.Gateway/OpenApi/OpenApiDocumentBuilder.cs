using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Grains;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document from what the server has: the paths from the mapped endpoints, the messages
/// and their bodies from each actor type's descriptor. A route without a description still appears (marked
/// <c>x-undescribed</c>, which the tests refuse), and a description without a route never does.
/// </summary>
internal static class OpenApiDocumentBuilder
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The route parameter that names the actor type; such routes are described once per type.</summary>
    public const string TypeParameter = "{type}";

    private static readonly Dictionary<(string Method, string Route), OperationSpec> Specs =
        ActorOperations.All.Concat(ResourceOperations.All).ToDictionary(s => (s.Method, s.Route));

    private static readonly ActorTypeDescriptor?[] NoType = [null];

    public static JsonObject Build(IEnumerable<Endpoint> endpoints, IEnumerable<ActorTypeDescriptor> actorTypes, GatewayOptions options)
    {
        var types = actorTypes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var components = new Components();
        SharedSchemas.AddTo(components);
        foreach (var type in types)
        {
            ActorSchemas.AddTo(components, type, options.MaxBatchLength);
        }

        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (route, method, pattern) in Routes(endpoints))
        {
            Specs.TryGetValue((method, route), out var spec);
            var perType = route.Contains(TypeParameter, StringComparison.Ordinal);
            foreach (var type in perType ? types.ToArray<ActorTypeDescriptor?>() : NoType)
            {
                var path = type is null ? route : route.Replace(TypeParameter, type.Name, StringComparison.Ordinal);
                var operation = spec?.Build(type) ?? Undescribed(method, route);
                AddPathParameters(operation, pattern, type);
                if (!paths.TryGetValue(path, out var item))
                {
                    paths[path] = item = [];
                }

                item[method.ToLowerInvariant()] = operation;
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Actors",
                ["version"] = "1",
                ["description"] = "An event-sourced actor server: POST message batches to actors, and every batch becomes a checkpoint " +
                    "you can list, inspect, preview and rewind to. Every error is application/problem+json.",
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["tags"] = Tags(),
            ["paths"] = new JsonObject(paths.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["components"] = new JsonObject
            {
                ["schemas"] = components.ToJson(),
                ["responses"] = Responses.ToJson(),
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "A token configured in Actors:Auth:Tokens; it maps to a principal and permissions such as actors/order:read.",
                    },
                },
            },
        };
    }

    /// <summary>Every (route, method) the endpoint data source maps, routes spelled as OpenAPI paths.</summary>
    public static IEnumerable<(string Route, string Method, RoutePattern Pattern)> Routes(IEnumerable<Endpoint> endpoints) =>
        from endpoint in endpoints.OfType<RouteEndpoint>()
        let methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
        from method in methods
        let route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/')
        orderby route, method
        select (route, method, endpoint.RoutePattern);

    private static void AddPathParameters(JsonObject operation, RoutePattern pattern, ActorTypeDescriptor? type)
    {
        var parameters = new JsonArray();
        foreach (var parameter in pattern.Parameters.Where(p => type is null || p.Name != "type"))
        {
            var schema = new JsonObject { ["type"] = "string" };
            if (parameter.Name == "id")
            {
                schema["pattern"] = $"^[A-Za-z0-9._:-]{{1,{ActorKey.MaxIdLength}}}$";
            }

            parameters.Add(new JsonObject
            {
                ["name"] = parameter.Name,
                ["in"] = "path",
                ["required"] = true,
                ["description"] = parameter.Name == "id" ? $"The {type?.IdField ?? "actor id"}: 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :" : $"The {parameter.Name}.",
                ["schema"] = schema,
            });
        }

        if (operation["parameters"] is JsonArray rest)
        {
            foreach (var parameter in rest.ToList())
            {
                rest.Remove(parameter);
                parameters.Add(parameter);
            }
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
    }

    private static JsonObject Undescribed(string method, string route) => new()
    {
        ["operationId"] = $"undescribed{method}{string.Concat(route.Where(char.IsLetterOrDigit))}",
        ["summary"] = $"{method} {route}",
        ["x-undescribed"] = true,
        ["responses"] = new JsonObject { ["default"] = new JsonObject { ["description"] = "Not yet described." } },
    };

    private static JsonArray Tags() => new(
        [.. new (string Name, string Description)[]
        {
            ("batches", "Message batches to one actor: commands, queries, rewind, preview."),
            ("history", "One actor's past over GET: history, diff, restore, replay; and compaction of a type's old history (archive or prune)."),
            ("listings", "Every actor of a type, now or at a point."),
            ("snapshots", "Compliance exports of every actor of a type at a time."),
            ("events", "Events across actors and the global version."),
            ("audit", "Who rewound, restored, previewed or exported what."),
            ("identity", "The caller's principal and permissions."),
            ("health", "Liveness and readiness."),
            ("console", "The support console's static files."),
            ("api", "This description."),
        }.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["description"] = t.Description })]);
}
