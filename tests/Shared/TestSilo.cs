using Actors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Actors.Tests.Shared;

/// <summary>
/// A real silo built by <see cref="SiloHost"/>, listening on a free loopback port and reached over real HTTP.
/// Its embedded journal lives in a temporary folder removed at dispose.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly string _directory;

    private TestSilo(string directory, WebApplication app)
    {
        _directory = directory;
        App = app;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is the silo.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Builds and starts a silo with <paramref name="settings"/> over its defaults: a temporary SQLite journal
    /// (unless the settings name PostgreSQL). <paramref name="configure"/> adds to the silo's
    /// builder what an application would add to it (its own services), after the test's configuration.
    /// </summary>
    public static async Task<TestSilo> StartAsync(
        IDictionary<string, string?> settings, LogLevel logLevel = LogLevel.Warning, string? environment = null, Action<WebApplicationBuilder>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"actors-silo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var configuration = new Dictionary<string, string?>
        {
            ["Actors:Sqlite:Path"] = Path.Combine(directory, "actors.db"),

            // Orleans' silo-to-silo and client gateway ports: free ones, so silos of parallel tests never collide.
            ["Orleans:Endpoints:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",

            // No client of a test silo is left to move elsewhere when it stops; the tests of the drain set it.
            ["Actors:Gateway:ShutdownDrain"] = "00:00:00",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        string[] args = environment is null
            ? ["--urls", "http://127.0.0.1:0"]
            : ["--urls", "http://127.0.0.1:0", "--environment", environment];
        var app = SiloHost.Build(args, builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.SetMinimumLevel(logLevel);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestSilo(directory, app);
    }

    /// <summary>The Orleans client gateway port this silo listens on, for external Orleans clients.</summary>
    public int GatewayPort => int.Parse(App.Configuration["Orleans:Endpoints:GatewayPort"]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A TCP port nothing listens on now (the OS picks it; a later bind may still race, rarely).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Configuration keys that make a silo accept <paramref name="tokens"/>.</summary>
    public static Dictionary<string, string?> TokenSettings(IEnumerable<(string Token, string Principal, string[] Permissions)> tokens)
    {
        var settings = new Dictionary<string, string?>();
        var i = 0;
        foreach (var (token, principal, permissions) in tokens)
        {
            settings[$"Actors:Auth:Tokens:{i}:Token"] = token;
            settings[$"Actors:Auth:Tokens:{i}:Principal"] = principal;
            for (var p = 0; p < permissions.Length; p++)
            {
                settings[$"Actors:Auth:Tokens:{i}:Permissions:{p}"] = permissions[p];
            }

            i++;
        }

        return settings;
    }

    /// <summary>
    /// Stops the silo as a crash would, as far as one process can: Orleans stops at once (a cancelled stop), without
    /// deactivating or handing over its grains; the others find out through membership that it is gone. Dispose it after.
    /// </summary>
    public async Task KillAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await App.StopAsync(now.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
