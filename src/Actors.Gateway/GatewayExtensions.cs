using Actors.Gateway.Endpoints;
using Actors.Gateway.Health;
using Actors.Gateway.Http;
using Actors.Gateway.Mcp;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Gateway;

/// <summary>Registers and maps the HTTP gateway.</summary>
public static class GatewayExtensions
{
    /// <summary>Adds the gateway's services: options, authentication (static tokens and JWTs), problem details.</summary>
    public static IServiceCollection AddActorsGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration("Actors:Gateway")
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxBatchLength > 0 && o.MaxJsonDepth > 0 && o.MaxUrlLength > 0 && o.MaxHeaderBytes > 0 && o.MaxHeaderCount > 0, "Actors:Gateway limits must be positive.")
            .Validate(o => o.ShutdownDrain >= TimeSpan.Zero, "Actors:Gateway:ShutdownDrain must not be negative.")
            .ValidateOnStart();
        services.AddActorsAuthentication();
        services.AddActorsOpenApi();
        services.AddSingleton<RequestSizeLimits>();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddHealthChecks()
            .AddCheck<StoppingHealthCheck>(StoppingHealthCheck.Name, tags: [HealthApi.ReadyTag])
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, tags: [HealthApi.ReadyTag])
            .AddCheck<MembershipHealthCheck>(MembershipHealthCheck.Name, tags: [HealthApi.ReadyTag]);
        services.AddProblemDetails();
        services.AddExceptionHandler<ActorExceptionHandler>();
        services.TryAddSingleton<Actors.Grains.AsOfReader>();
        services.AddActorsMcp();
        return services;
    }

    /// <summary>
    /// Adds the gateway's middleware, before the endpoints: URLs and headers past the gateway's limits are refused with
    /// problems (<see cref="RequestSizeLimits"/>); while the silo stops, answers close their connections
    /// (<see cref="ShutdownDrain"/>); then authentication and the endpoints' authorization.
    /// </summary>
    public static IApplicationBuilder UseActorsGateway(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<RequestSizeLimits>().UseMiddleware<ShutdownDrain>().UseAuthentication().UseAuthorization();
    }

    /// <summary>Maps <c>/resources</c>, <c>/health</c>, the console, the OpenAPI document and <c>/mcp</c>.</summary>
    public static IEndpointRouteBuilder MapActorsGateway(this IEndpointRouteBuilder app)
    {
        app.MapActorsApi();
        app.MapHistoryApi();
        app.MapErasureApi();
        app.MapEventsApi();
        app.MapAuditApi();
        app.MapActorListApi();
        app.MapHistoryLifecycleApi();
        app.MapHealthApi();
        app.MapIdentityApi();
        app.MapConsoleApi();
        app.MapOpenApiApi();
        app.MapActorsMcp();
        return app;
    }
}
