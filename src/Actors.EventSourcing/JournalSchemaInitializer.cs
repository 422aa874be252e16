using Actors.Abstractions.Storage;
using Microsoft.Extensions.Logging;

namespace Actors.EventSourcing;

/// <summary>
/// Creates or migrates the journal's schema when the silo starts, before anything else in it runs: no grain may read
/// the journal (and no silo may join a cluster whose membership lives in it) until its tables exist.
/// </summary>
internal sealed class JournalSchemaInitializer(IJournalStore store, ILogger<JournalSchemaInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Just before the runtime initializes: earlier than membership, grains and the gateway.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JournalSchemaInitializer), Stage, InitializeAsync);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        logger.LogInformation("Journal schema is ready");
    }
}
