using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Actors.Torture;

/// <summary>
/// One silo as a child process (<c>dotnet Actors.Silo.dll --urls http://127.0.0.1:0</c>), configured through environment
/// variables. It listens on a port the kernel picks; the port is read from its "Now listening on" line. Every line it writes
/// is kept, so a scenario can look for what must never be logged.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string _workingDirectory;

    private SiloProcess(Process process, string workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    /// <summary>Where the silo answers, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The child's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Everything the silo wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo and waits until it listens.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("actors-torture-silo-").FullName;
        var start = new ProcessStartInfo("dotnet", [SiloBinary.Find(), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ConnectionStrings__Postgres", "Actors__Sqlite__Path", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["DOTNET_gcServer"] = "0";

        // Orleans' silo and client gateway ports: free ones, so silos on this machine never collide.
        start.Environment["Orleans__Endpoints__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, workingDirectory);
        process.OutputDataReceived += (_, e) => silo.Take(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Take(e.Data);
        process.Exited += (_, _) => silo._listening.TrySetException(new InvalidOperationException($"The silo exited with {process.ExitCode} before it listened:\n{silo.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            silo.BaseAddress = await silo._listening.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as systemd or a container runtime stops a silo: the host stops its HTTP gateway (open requests finish),
    /// then Orleans hands the silo's actors over and leaves the cluster. Waits for the process to exit; false if it did not
    /// within <paramref name="timeout"/> (it is then killed).
    /// </summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await signal.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The resident set size from /proc/&lt;pid&gt;/status (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{Pid}/status.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string Listening = "Now listening on: ";
        var at = line.IndexOf(Listening, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim() + "/"));
        }
    }

    /// <summary>A loopback TCP port nothing listens on now (the kernel picks it; a later bind may still race, rarely).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
