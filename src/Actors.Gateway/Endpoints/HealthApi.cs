using Actors.Abstractions.Storage;
using Actors.Gateway.Http;
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

    /// <summary>Ready unless storage does not answer, or the silo is stopping (load balancers then send no more requests).</summary>
    public static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> ReadyAsync(IJournalStore store, ShutdownDrain drain, CancellationToken cancellationToken)
    {
        if (drain.Draining)
        {
            return TypedResults.Json(new HealthStatus("stopping"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return await store.PingAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ready"))
            : TypedResults.Json(new HealthStatus("storage unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
