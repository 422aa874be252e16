using System.Text.Json.Nodes;
using Actors.Grains;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// The document transformer that adds what the actor types define: each type's schemas (its messages as a union
/// discriminated by <c>type</c>, its batch, state and answers, from its descriptor and the server's own JSON metadata),
/// each route under <c>{type}</c> once per type with that type's schemas, and the info, tags, bearer scheme and
/// problem answers every operation shares.
/// </summary>
internal sealed class ActorTypeDocument : IOpenApiDocumentTransformer
{
    private const string TypeParameter = "{type}";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("batches", "Message batches to one actor: commands, queries, rewind, preview."),
        ("history", "One actor's past over GET: history, diff, restore, replay, erase; and compaction of a type's old history (archive or prune)."),
        ("listings", "Every actor of a type, now or at a point."),
        ("snapshots", "Compliance exports of every actor of a type at a time."),
        ("events", "Events across actors and the global version."),
        ("audit", "Who rewound, restored, previewed or exported what."),
        ("identity", "The caller's principal and permissions."),
        ("health", "Liveness and readiness."),
        ("console", "The support console's static files."),
        ("api", "This description."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var options = context.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var types = ActorTypes.All.All.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

        document.Info = new OpenApiInfo
        {
            Title = "Actors",
            Version = "1",
            Description = "An event-sourced actor server: POST message batches to actors, and every batch becomes a checkpoint " +
                "you can list, inspect, preview and rewind to. Every error is application/problem+json.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        var components = new Components();
        SharedSchemas.AddTo(components);
        foreach (var type in types)
        {
            ActorSchemas.AddTo(components, type, options.MaxBatchLength);
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var (name, schema) in components.ToJson())
        {
            document.Components.Schemas[name] = OpenApiJson.Parse<OpenApiSchema>(schema!, document);
        }

        AddRequestDelegates(document, context);
        ExpandActorTypes(document, context, types);

        document.Components.Responses = ProblemAnswers.Used(document)
            .ToDictionary(r => r.Name, r => (IOpenApiResponse)OpenApiJson.Parse<OpenApiResponse>(r.Response, document), StringComparer.Ordinal);
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            ["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A token configured in Actors:Auth:Tokens, or a JWT from the identity provider (Actors:Auth:Jwt); " +
                    "it maps to a principal and permissions such as actors/order:read.",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>
    /// Describes the endpoints ApiExplorer does not see (plain request delegates, such as the health checks) from their
    /// metadata, unless they are excluded from the description or have no HTTP method.
    /// </summary>
    private static void AddRequestDelegates(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        var described = context.DescriptionGroups.SelectMany(g => g.Items)
            .Select(d => ("/" + (d.RelativePath ?? "").Trim('/'), d.HttpMethod?.ToUpperInvariant()))
            .ToHashSet();
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                || endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is null)
            {
                continue;
            }

            var path = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (described.Contains((path, method.ToUpperInvariant())))
                {
                    continue;
                }

                document.Paths ??= [];
                if (!document.Paths.TryGetValue(path, out var item))
                {
                    document.Paths[path] = item = new OpenApiPathItem();
                }

                var pathItem = (OpenApiPathItem)item;
                pathItem.Operations ??= [];
                pathItem.Operations[new HttpMethod(method)] = OperationDescriber.FromMetadata(endpoint.Metadata, document);
            }
        }
    }

    /// <summary>Replaces each path under <c>{type}</c> by one per actor type, its placeholders filled in.</summary>
    private static void ExpandActorTypes(OpenApiDocument document, OpenApiDocumentTransformerContext context, IReadOnlyList<ActorTypeDescriptor> types)
    {
        var perType = context.DescriptionGroups
            .SelectMany(g => g.Items)
            .Where(d => d.HttpMethod is not null && d.RelativePath is not null)
            .ToLookup(
                d => ("/" + d.RelativePath!.Trim('/'), d.HttpMethod!.ToLowerInvariant()),
                d => d.ActionDescriptor.EndpointMetadata.OfType<OpenApiPerActorTypeMetadata>());

        var paths = new SortedDictionary<string, IOpenApiPathItem>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            if (!path.Contains(TypeParameter, StringComparison.Ordinal))
            {
                paths[path] = item;
                continue;
            }

            var template = OpenApiJson.Write((IOpenApiSerializable)item).ToJsonString();
            foreach (var type in types)
            {
                var article = "aeiou".Contains(type.Name[0], StringComparison.Ordinal) ? "an" : "a";
                var filled = JsonNode.Parse(template
                    .Replace(OpenApiDescriptions.AnActor, $"{article} {type.Name}", StringComparison.Ordinal)
                    .Replace(OpenApiDescriptions.AnActorCapitalized, $"{char.ToUpperInvariant(article[0])}{article[1..]} {type.Name}", StringComparison.Ordinal)
                    .Replace(OpenApiDescriptions.ActorName, type.Name, StringComparison.Ordinal)
                    .Replace(OpenApiDescriptions.ActorPrefix, type.EventPrefix, StringComparison.Ordinal))!.AsObject();
                foreach (var (method, node) in filled.ToList())
                {
                    if (node is not JsonObject operation || operation["responses"] is null)
                    {
                        continue;
                    }

                    if (operation["parameters"] is JsonArray parameters)
                    {
                        foreach (var parameter in parameters.OfType<JsonObject>().ToList())
                        {
                            if ((string?)parameter["in"] == "path" && (string?)parameter["name"] == "type")
                            {
                                parameters.Remove(parameter);
                            }
                            else if ((string?)parameter["in"] == "path" && (string?)parameter["name"] == "id")
                            {
                                parameter["description"] = $"The {type.IdField}: 1-{Actors.Abstractions.ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :";
                            }
                        }
                    }

                    foreach (var describe in perType[(path, method)].SelectMany(m => m))
                    {
                        describe.Describe(operation, type);
                    }
                }

                paths[path.Replace(TypeParameter, type.Name, StringComparison.Ordinal)] = OpenApiJson.Parse<OpenApiPathItem>(filled, document);
            }
        }

        document.Paths = [];
        foreach (var (path, item) in paths)
        {
            document.Paths[path] = item;
        }
    }
}
