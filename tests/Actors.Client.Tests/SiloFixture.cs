using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests;

/// <summary>
/// A real silo on free loopback ports over a temporary SQLite file: its gateway reached over real HTTP, its grains
/// through its own <see cref="IGrainFactory"/> as code running in the silo's process reaches them.
/// </summary>
public class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public Uri BaseAddress => Silo.BaseAddress;

    /// <summary>The silo's own grain factory, from its services.</summary>
    public IGrainFactory Grains => Silo.App.Services.GetRequiredService<IGrainFactory>();

    public virtual async Task InitializeAsync() => _silo = await TestSilo.StartAsync(TestPrincipal.Configuration(), configure: ConfigureSilo);

    /// <summary>A client over HTTP acting as <paramref name="principal"/> (by its token), with retries that do not wait.</summary>
    public ActorsClient Client(TestPrincipal principal) =>
        ActorsClient.Http(BaseAddress, principal.Token, new ActorsHttpOptions { InitialBackoff = TimeSpan.Zero });

    /// <summary>A client over the silo's own grain factory acting as <paramref name="principal"/> with its permissions.</summary>
    public ActorsClient InSiloClient(TestPrincipal principal) => ActorsClient.Orleans(Grains, principal.Name, principal.Permissions);

    /// <summary>The operations the silo's audit log holds for <paramref name="actor"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AuditOperationsAsync(ActorKey actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, $"resources/audit?actorType={actor.Type}&actorId={actor.Id}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestPrincipal.Admin.Token);
        using var response = await Silo.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. page["data"]!.AsArray().Select(e => (string)e!["operation"]!)];
    }

    /// <summary>What the silo's application adds to its builder; nothing here.</summary>
    protected virtual void ConfigureSilo(WebApplicationBuilder builder)
    {
    }

    public virtual async Task DisposeAsync()
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
