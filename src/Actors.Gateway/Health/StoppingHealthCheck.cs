using Actors.Gateway.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Gateway.Health;

/// <summary>Unhealthy from the moment the silo starts stopping, so load balancers send no more requests (<see cref="ShutdownDrain"/>).</summary>
public sealed class StoppingHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public const string Name = "stopping";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.Draining ? HealthCheckResult.Unhealthy("stopping") : HealthCheckResult.Healthy("not stopping"));
}
