using Actors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Actors.Client.Tests;

/// <summary>A real silo on a free loopback port over a temporary SQLite file, reached over real HTTP.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-client-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var settings = TestPrincipal.Configuration();
        settings["Actors:Sqlite:Path"] = Path.Combine(_directory, "actors.db");
        _app = SiloHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    /// <summary>A client acting as <paramref name="principal"/>, with retries that do not wait.</summary>
    public ActorsClient Client(TestPrincipal principal) =>
        ActorsClient.Http(BaseAddress, principal.Token, new ActorsHttpOptions { InitialBackoff = TimeSpan.Zero });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "client against a silo";
}
