using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.History;

/// <summary>
/// Asks the retention policy grain to keep its reminder once the silo has started (every silo asks; the reminder is one
/// row in the journal's database, so asking again changes nothing). A silo that cannot ask now leaves it to the others,
/// or to its next start.
/// </summary>
internal sealed class RetentionScheduler(IGrainFactory grains, ILogger<RetentionScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionScheduler), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRetentionPolicyGrain>(IRetentionPolicyGrain.Key).EnsureScheduledAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The retention policy's reminder could not be checked as this silo started");
        }
    }
}
