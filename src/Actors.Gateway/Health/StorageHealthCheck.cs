using Actors.Abstractions.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Gateway.Health;

/// <summary>The journal store answers a ping.</summary>
public sealed class StorageHealthCheck(IJournalStore store) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy("the journal store answers")
            : HealthCheckResult.Unhealthy("storage unavailable");
}
