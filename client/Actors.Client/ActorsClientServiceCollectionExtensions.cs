using Actors.Abstractions.Storage;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client;

/// <summary>Registers an in-process <see cref="ActorsClient"/> in a silo's services.</summary>
public static class ActorsClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ActorsClient"/> that calls the silo's own <see cref="ActorRuntime"/> directly, recording
    /// <paramref name="principal"/> on the checkpoints it makes (e.g. <c>"billing-job"</c>) and checked against
    /// <paramref name="permissions"/> when given (everything otherwise). When the services hold an <see cref="IJournalStore"/>
    /// (a silo's do), the client replays from it.
    /// </summary>
    public static IServiceCollection AddInProcessActorsClient(this IServiceCollection services, string principal, IEnumerable<string>? permissions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        var grants = permissions?.ToList();
        services.AddSingleton(provider => provider.GetService<IJournalStore>() is { } journal
            ? ActorsClient.InProcess(provider.GetRequiredService<ActorRuntime>(), journal, principal, grants)
            : ActorsClient.InProcess(provider.GetRequiredService<ActorRuntime>(), principal, grants));
        return services;
    }
}
