using Actors.Tests.Shared;

namespace Actors.Client.Tests;

/// <summary>A real silo on a free loopback port over a temporary SQLite file, reached over real HTTP.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public Uri BaseAddress => (_silo ?? throw new InvalidOperationException("The silo is not started.")).BaseAddress;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(TestPrincipal.Configuration());

    /// <summary>A client acting as <paramref name="principal"/>, with retries that do not wait.</summary>
    public ActorsClient Client(TestPrincipal principal) =>
        ActorsClient.Http(BaseAddress, principal.Token, new ActorsHttpOptions { InitialBackoff = TimeSpan.Zero });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "client against a silo";
}
