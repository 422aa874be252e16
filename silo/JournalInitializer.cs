using Actors.Abstractions.Storage;

namespace Actors.Silo;

/// <summary>Creates or migrates the journal schema before the silo takes requests.</summary>
public sealed class JournalInitializer(IJournalStore store, ILogger<JournalInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        logger.LogInformation("Journal schema is ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
