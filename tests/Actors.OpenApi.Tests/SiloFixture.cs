using Actors.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Actors.OpenApi.Tests;

/// <summary>A real silo on SQLite and a free loopback port, with the development tokens; the document is what it serves.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public HttpClient Http => Silo.Http;

    public WebApplication App => Silo.App;

    private TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(new Dictionary<string, string?>(), LogLevel.Error);

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
    public const string Name = "silo";
}
