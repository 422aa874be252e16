using Actors.Abstractions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Actors.Gateway.Endpoints;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (and its storage answers).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health");
        group.MapGet("/live", Live);
        group.MapGet("/ready", ReadyAsync);
        return app;
    }

    public static Ok<HealthStatus> Live() => TypedResults.Ok(new HealthStatus("live"));

    public static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> ReadyAsync(IJournalStore store, CancellationToken cancellationToken) =>
        await store.PingAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ready"))
            : TypedResults.Json(new HealthStatus("storage unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
