using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Bench;

/// <summary>Runs the load generators this benchmark does not write itself: pgbench and wrk.</summary>
public static partial class External
{
    /// <summary>Runs a program to its end and answers its standard output; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output + "\n" + await error;
    }

    /// <summary>The newest PostgreSQL client tool of that name (pgbench), preferring the versioned binary directory.</summary>
    public static string PostgresTool(string name)
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", name))
                .Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return versioned ?? name;
    }

    /// <summary>pgbench with a custom script: answers transactions per second (excluding connection time).</summary>
    public static async Task<double> PgbenchAsync(Postgres postgres, string database, string script, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"actors-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script, cancellationToken);
        try
        {
            var output = await RunAsync(PostgresTool("pgbench"),
            [
                "-h", postgres.Host, "-p", postgres.Port.ToString(CultureInfo.InvariantCulture), "-U", postgres.User,
                "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", file, database,
            ], cancellationToken);
            var tps = TpsPattern().Match(output);
            return tps.Success
                ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("No tps in pgbench's output:\n" + output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// wrk with a Lua script and <c>--latency</c> (<paramref name="threads"/> threads, one per core unless given): requests per second, median and p99 in ms, and how many answers were not
    /// 2xx/3xx or failed at the socket.
    /// </summary>
    public static async Task<WrkResult> WrkAsync(Uri baseAddress, string lua, int connections, TimeSpan duration, CancellationToken cancellationToken, int? threads = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"actors-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(file, lua, cancellationToken);
        try
        {
            var output = await RunAsync("wrk",
            [
                "-t", (threads ?? Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "--latency", "--timeout", "10s", "-s", file,
                baseAddress.ToString().TrimEnd('/'),
            ], cancellationToken);
            var rps = RequestsPattern().Match(output);
            var total = TotalPattern().Match(output);
            var bad = NonSuccessPattern().Match(output);
            var socket = SocketErrorsPattern().Match(output);
            var socketErrors = socket.Success ? socket.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
            return new WrkResult(
                rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("No Requests/sec in wrk's output:\n" + output),
                Percentile(output, "50"),
                Percentile(output, "99"),
                total.Success ? long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                (bad.Success ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0) + socketErrors,
                output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, @"^\s+" + percent + @"(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"No {percent}% latency in wrk's output:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();
}

/// <summary>What one wrk run measured.</summary>
public sealed record WrkResult(double RequestsPerSecond, double MedianMs, double P99Ms, long Requests, long Errors, string Output);
