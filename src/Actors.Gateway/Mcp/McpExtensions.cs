using System.Reflection;
using System.Text.Json;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Actors.Gateway.Mcp;

/// <summary>The Model Context Protocol endpoint: the actors and their history as tools for agents, at <c>/mcp</c>.</summary>
public static class McpExtensions
{
    /// <summary>Where the endpoint is mapped.</summary>
    public const string Path = "/mcp";

    /// <summary>Room for a tool call's JSON-RPC envelope around a batch of <see cref="GatewayOptions.MaxBodyBytes"/>.</summary>
    private const int EnvelopeBytes = 64 * 1024;

    /// <summary>What an agent is told when it connects, before it reads the tools.</summary>
    public const string Instructions =
        "Actors is an actor server: every business entity is an actor of type order, payment, ticket, asset or sku, addressed " +
        "by its type and id, and every batch of commands it accepted is a checkpoint (version 1, 2, …) that can be listed, " +
        "read back, compared, previewed and rewound to. Read an actor with fetch (asOf: a version, a checkpoint id or a time), " +
        "its checkpoints with checkpoints, its field-by-field history with history, the change between two points with diff; " +
        "search events across actors, or actors of a type as they were, with search; try a batch without keeping it with " +
        "preview; rewind for real (needs the rewind permission and a reason) with rewind. A refusal is a tool error whose " +
        "text is a problem JSON: status (400 bad argument, 403 missing permission, 404 unknown actor, 410 deleted or pruned, " +
        "412 moved on, 422 business rule, 503 retry later), type, title and detail naming what is wrong.";

    /// <summary>Adds the MCP server (streamable HTTP, stateless: any silo answers any request) and its tools.</summary>
    public static IServiceCollection AddActorsMcp(this IServiceCollection services)
    {
        services.AddSingleton<ToolAnswers>();
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = "actors", Title = "Actors", Version = Version() };
                o.ServerInstructions = Instructions;
            })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<ActorTools>()
            .WithRequestFilters(filters => filters
                .AddListToolsFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    if (context.User is { } user && Caller.From(user) is { } caller && !MayRewindAnything(caller))
                    {
                        // Not a guard (the call is refused all the same): an agent is not offered what it may not do.
                        result.Tools = [.. result.Tools.Where(t => t.Name != "rewind")];
                    }

                    return result;
                })
                .AddCallToolFilter(next => async (context, cancellationToken) =>
                    ToolArguments.Check(context.MatchedPrimitive, context.Params) is { } refusal ? refusal : await next(context, cancellationToken)));
        return services;
    }

    /// <summary>
    /// Maps <see cref="Path"/>: authenticated like <c>/resources</c> (no or a bad token is the same 401 problem), and left
    /// out of the OpenAPI document, which describes the REST API; the tools describe themselves (<c>tools/list</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapActorsMcp(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // A request is at most a batch's body and its JSON-RPC envelope: larger is the same 413 problem as over REST.
        var limits = app.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var endpoints = app.MapMcp(Path)
            .RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBodyBytes + EnvelopeBytes))
            .ExcludeFromDescription();

        // The transport reads a POST body that is not declared JSON by throwing (a 500); over REST that is a 415 problem.
        // It also throws, before it answers anything, when a request's params do not fit its method (an initialize whose
        // protocolVersion is a number): that is the client's mistake, a 400 problem naming the field, not a server error.
        endpoints.Add(endpoint =>
        {
            var handle = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async http =>
            {
                if (HttpMethods.IsPost(http.Request.Method) && BatchReader.NotJson(http.Request) is { } refusal)
                {
                    await refusal.ExecuteAsync(http);
                    return;
                }

                try
                {
                    await handle(http);
                }
                catch (JsonException e) when (!http.Response.HasStarted)
                {
                    await Problems.Create(StatusCodes.Status400BadRequest, $"The MCP request does not fit its method: {e.Message}").ExecuteAsync(http);
                }
            };
        });
        return app;
    }

    private static bool MayRewindAnything(Caller caller) => ActorTypes.All.All.Any(t => caller.Permissions.Allows(t.Name, "rewind"));

    private static string Version() =>
        typeof(McpExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";
}
