using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client;

/// <summary>Registers an <see cref="ActorsClient"/> over the Orleans <see cref="IGrainFactory"/> of the host it runs in.</summary>
public static class ActorsClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ActorsClient"/> that calls the actors' grains through the container's
    /// <see cref="IGrainFactory"/>: the silo's own (in the silo's process) or an Orleans client's (<c>UseOrleansClient</c>).
    /// It records <paramref name="principal"/> on the checkpoints it makes (e.g. <c>"billing-job"</c>) and checks batches
    /// against <paramref name="permissions"/> when given (everything otherwise). An Orleans client host must also register
    /// the actors' JSON codec, <c>services.AddSerializer(s =&gt; s.AddActorsJson())</c>; resolving the client throws
    /// <see cref="InvalidOperationException"/> when it did not.
    /// </summary>
    public static IServiceCollection AddOrleansActorsClient(this IServiceCollection services, string principal, IEnumerable<string>? permissions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        var grants = permissions?.ToList();
        services.AddSingleton(provider =>
        {
            ActorsClient.EnsureJsonCodec(provider);
            return ActorsClient.Orleans(provider.GetRequiredService<IGrainFactory>(), principal, grants);
        });
        return services;
    }
}
