using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Actors.Gateway.Health;

/// <summary>This silo is an active member of its Orleans cluster (not joining, stopping or declared dead).</summary>
public sealed class MembershipHealthCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public const string Name = "cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {membership.SiloAddress} is active")
            : HealthCheckResult.Unhealthy("not an active cluster member", data: new Dictionary<string, object> { ["siloStatus"] = status.ToString() }));
    }
}
