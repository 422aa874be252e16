using Actors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Actors.OpenApi.Tests;

/// <summary>A real silo on SQLite and a free loopback port, with the development tokens; the document is what it serves.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-openapi-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public WebApplication App => _app ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _app = SiloHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Actors:Sqlite:Path"] = Path.Combine(_directory, "actors.db"),
                ["Actors:Snapshots:Path"] = Path.Combine(_directory, "snapshots"),
            });
            builder.Logging.SetMinimumLevel(LogLevel.Error);
        });
        await _app.StartAsync();
        Http.BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
