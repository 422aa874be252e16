using System.Diagnostics;

namespace Actors.Bench;

/// <summary>Latency samples in milliseconds, thread-safe to add, with median and p99 by nearest rank.</summary>
public sealed class Latencies
{
    private readonly List<double> _samples = [];

    /// <summary>How many samples were taken.</summary>
    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>Adds the time since <paramref name="startedTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void AddSince(long startedTimestamp) => Add(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);

    /// <summary>Adds one sample in milliseconds.</summary>
    public void Add(double milliseconds)
    {
        lock (_samples)
        {
            _samples.Add(milliseconds);
        }
    }

    /// <summary>The value at percentile <paramref name="p"/> (0-100), nearest rank; NaN without samples.</summary>
    public double Percentile(double p)
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _samples.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    /// <summary>The median.</summary>
    public double Median => Percentile(50);

    /// <summary>The 99th percentile.</summary>
    public double P99 => Percentile(99);

    /// <summary>Times <paramref name="iterations"/> sequential calls of <paramref name="call"/>.</summary>
    public static async Task<Latencies> TimeAsync(int iterations, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(cancellationToken);
            latencies.AddSince(started);
        }

        return latencies;
    }
}
