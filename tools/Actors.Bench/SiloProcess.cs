using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Actors.Bench;

/// <summary>The Release silo as a child process on a loopback port, on PostgreSQL, with one configured bench token.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>The bearer token the silo is configured with (permission <c>actors/*:*</c>).</summary>
    public const string Token = "actors-bench-token";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly string? _workingDirectory;

    private SiloProcess(Process process, Uri baseAddress, string token = Token, string? workingDirectory = null)
    {
        _process = process;
        BaseAddress = baseAddress;
        BearerToken = token;
        _workingDirectory = workingDirectory;
    }

    /// <summary>The token requests to this silo carry: <see cref="Token"/>, or README's <c>dev-admin</c> (<see cref="StartAsReadmeAsync"/>).</summary>
    public string BearerToken { get; }

    /// <summary>Notes on how the silo was started, when it differs from what was asked (e.g. another port).</summary>
    public string? StartNote { get; private set; }

    /// <summary>
    /// Starts the silo as the README's first command does (<c>dotnet run --project silo</c>): the built dll with no setting at
    /// all, so the embedded SQLite journal (actors.db in the working directory, here a fresh temporary one), the development
    /// tokens, the default logging, and http://127.0.0.1:5080. Only when 5080 is taken (another silo on the machine) does
    /// it get <c>--urls</c> with a free port, and <see cref="StartNote"/> says so. Settings the benchmark's environment
    /// might carry (ASPNETCORE_URLS, ConnectionStrings__Postgres ...) are removed.
    /// </summary>
    public static async Task<SiloProcess> StartAsReadmeAsync(CancellationToken cancellationToken)
    {
        var dll = FindSilo();
        var directory = Directory.CreateTempSubdirectory("actors-bench-readme-").FullName;
        var port = 5080;
        string? note = null;
        if (!PortIsFree(port))
        {
            port = FreePort();
            note = $"port 5080 was taken; the README silo listened on {port} (--urls), otherwise as the README starts it";
        }

        var start = new ProcessStartInfo("dotnet", port == 5080 ? [dll] : [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.StartsWith("Actors__", StringComparison.Ordinal)
                || name.StartsWith("Orleans__", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.Ordinal)
                || name.StartsWith("Logging__", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        var silo = await WaitReadyAsync(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{port}/"), dll, "dev-admin", directory, cancellationToken);
        silo.StartNote = note;
        return silo;
    }

    /// <summary>Where the silo answers, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts <c>dotnet Actors.Silo.dll</c> and waits until <c>/health/ready</c> answers 200. <paramref name="settings"/> are
    /// environment variables added to the silo's (e.g. its <c>Orleans__ClusterId</c>).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string connectionString, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = FindSilo();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ConnectionStrings__Postgres", "Actors__Sqlite__Path", "DOTNET_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Actors__Auth__Tokens__0__Token"] = Token;
        start.Environment["Actors__Auth__Tokens__0__Principal"] = "bench";
        start.Environment["Actors__Auth__Tokens__0__Permissions__0"] = "actors/*:*";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Orleans__Endpoints__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await WaitReadyAsync(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{port}/"), dll, Token, null, cancellationToken);
    }

    private static async Task<SiloProcess> WaitReadyAsync(Process process, Uri baseAddress, string dll, string token, string? workingDirectory, CancellationToken cancellationToken)
    {
        var silo = new SiloProcess(process, baseAddress, token, workingDirectory);
        process.OutputDataReceived += (_, e) => silo.Take(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Take(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        var output = silo.Output();
        await silo.DisposeAsync();
        throw new InvalidOperationException($"The silo ({dll}) did not become ready:\n{output}");
    }

    /// <summary>The CPU time the silo process has used so far (user and system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Everything the silo wrote so far.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        if (_workingDirectory is not null)
        {
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>silo/bin/&lt;this program's configuration&gt;/net10.0/Actors.Silo.dll (the project reference built it), or <c>ACTORS_SILO_DLL</c>.</summary>
    private static string FindSilo()
    {
        if (Environment.GetEnvironmentVariable("ACTORS_SILO_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                var dll = Path.Combine(dir.FullName, "silo", "bin", configuration, "net10.0", "Actors.Silo.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the silo with -c {configuration}.");
            }
        }

        throw new InvalidOperationException("Cannot find Actors.sln above " + AppContext.BaseDirectory);
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
