using Actors.Abstractions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.PersonalData;

/// <summary>Puts personal data protection between the silo and its journal store.</summary>
public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>
    /// Decorates the registered <see cref="IJournalStore"/> with <see cref="ProtectedJournalStore"/> and the registered
    /// <see cref="ISnapshotDataStore"/> with <see cref="ProtectedSnapshotDataStore"/>, and registers the
    /// <see cref="PersonalDataProtector"/> they share, for the personal fields in <paramref name="catalog"/>. The stores must be
    /// registered before, and the store must also be the <see cref="IDataKeyStore"/> (the SQLite and PostgreSQL journals are).
    /// Whoever resolves <see cref="IJournalStore"/> from then on reads personal values in clear and writes them sealed.
    /// A second call changes nothing.
    /// </summary>
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services, PersonalFieldCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalog);
        if (services.Any(d => d.ServiceType == typeof(PersonalDataProtector)))
        {
            return services;
        }

        var journal = Take(services, typeof(IJournalStore));
        var snapshotData = services.Any(d => d.ServiceType == typeof(ISnapshotDataStore)) ? Take(services, typeof(ISnapshotDataStore)) : null;
        services.AddSingleton(catalog);
        services.AddSingleton(provider => new PersonalDataProtector(
            (IJournalStore)Resolve(provider, journal), provider.GetRequiredService<IDataKeyStore>(), catalog));
        services.AddSingleton<IJournalStore>(provider => new ProtectedJournalStore(provider.GetRequiredService<PersonalDataProtector>()));
        if (snapshotData is not null)
        {
            services.AddSingleton<ISnapshotDataStore>(provider => new ProtectedSnapshotDataStore(
                (ISnapshotDataStore)Resolve(provider, snapshotData), provider.GetRequiredService<PersonalDataProtector>()));
        }

        return services;
    }

    /// <summary>Removes the registration of <paramref name="service"/> (the last one wins, as in resolution) and answers it.</summary>
    private static ServiceDescriptor Take(IServiceCollection services, Type service)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == service && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"Register the journal store ({service.Name}) before adding personal data protection.");
        services.Remove(descriptor);
        return descriptor;
    }

    private static object Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
