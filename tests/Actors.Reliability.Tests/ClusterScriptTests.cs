using System.Diagnostics;
using System.Globalization;
using Actors.Torture;

namespace Actors.Reliability.Tests;

/// <summary>scripts/cluster.sh, as a user runs it: two silos on one database, one stopped and started again.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ClusterScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("actors-cluster-script-").FullName;
    private readonly string _token = $"script-{Guid.NewGuid():N}";
    private PostgresJournal? _journal;

    public async Task InitializeAsync() => _journal = await JournalStore.PostgresAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await ClusterAsync("stop");
        Directory.Delete(_directory, recursive: true);
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_script_starts_silos_that_form_one_cluster_and_stops_and_restarts_one_of_them()
    {
        var http = SiloProcess.FreePort();
        var started = await ClusterAsync(
            "start", "2", "--postgres", _journal!.ConnectionString, "--token", _token, "--cluster-id", "script-test",
            "--http-port", Text(http), "--silo-port", Text(SiloProcess.FreePort()), "--gateway-port", Text(SiloProcess.FreePort()));
        using var first = new SiloClient(new Uri($"http://127.0.0.1:{http}/"));
        using var second = new SiloClient(new Uri($"http://127.0.0.1:{http + 1}/"));

        var created = await first.BatchAsync("order", "script-1", """[{"type":"create","body":{"currency":"SEK"}}]""", _token);
        var readElsewhere = await second.BatchAsync("order", "script-1", """[{"type":"query"}]""", _token);
        var stopped = await ClusterAsync("term", "0");
        var readAfterStop = await second.BatchAsync("order", "script-1", """[{"type":"addTag","body":{"key":"after-stop"}}]""", _token);
        await ClusterAsync("restart", "0");
        var readAfterRestart = await first.BatchAsync("order", "script-1", """[{"type":"query"}]""", _token);
        var status = await ClusterAsync("status");

        Assert.Contains($"silo 0: http://127.0.0.1:{http}", started, StringComparison.Ordinal);
        Assert.Contains($"silo 1: http://127.0.0.1:{http + 1}", started, StringComparison.Ordinal);
        Assert.Equal(200, created.Status);
        Assert.Equal(1, readElsewhere.Json?["version"]?.GetValue<long>());
        Assert.Contains("silo 0 stopped", stopped, StringComparison.Ordinal);
        Assert.Equal(200, readAfterStop.Status);
        Assert.Equal(2, readAfterRestart.Json?["version"]?.GetValue<long>());
        Assert.Equal(2, status.Split('\n').Count(line => line.Contains("running", StringComparison.Ordinal)));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs scripts/cluster.sh with this test's state folder; its stdout and stderr, or an exception when it fails.</summary>
    private async Task<string> ClusterAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(SiloBinary.RepositoryRoot(), "scripts", "cluster.sh"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ACTORS_CLUSTER_DIR"] = _directory;
        using var limit = new CancellationTokenSource(Limit);
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync(limit.Token);
        var errors = script.StandardError.ReadToEndAsync(limit.Token);
        await script.WaitForExitAsync(limit.Token);
        var text = $"{await output}{await errors}";
        return script.ExitCode == 0 ? text : throw new InvalidOperationException($"scripts/cluster.sh {string.Join(' ', arguments)} exited with {script.ExitCode}:\n{text}");
    }
}
