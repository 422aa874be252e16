using System.Collections.Concurrent;
using System.Text;

namespace Actors.Torture;

/// <summary>
/// What a scenario counted and what went wrong. Every scenario prints the same core counts (batches sent, acknowledged,
/// found, lost, duplicated, 5xx) plus its own; any failure makes the run fail.
/// </summary>
public sealed class Report(string scenario)
{
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly List<string> _order = ["sent", "acknowledged", "found", "lost", "duplicated", "5xx"];

    public string Scenario { get; } = scenario;

    public IReadOnlyCollection<string> Failures => _failures;

    public bool Passed => _failures.IsEmpty;

    public long this[string name] => _counts.GetValueOrDefault(name);

    /// <summary>Adds to a count, creating it at zero.</summary>
    public void Add(string name, long by = 1)
    {
        lock (_order)
        {
            if (!_order.Contains(name))
            {
                _order.Add(name);
            }
        }

        _counts.AddOrUpdate(name, by, (_, value) => value + by);
    }

    /// <summary>Sets a count (for maxima and totals computed at the end).</summary>
    public void Set(string name, long value)
    {
        Add(name, 0);
        _counts[name] = value;
    }

    /// <summary>Raises a count to <paramref name="value"/> when it is larger.</summary>
    public void Max(string name, long value)
    {
        Add(name, 0);
        _counts.AddOrUpdate(name, value, (_, old) => Math.Max(old, value));
    }

    /// <summary>Records a broken promise. Only the first 50 are kept in full; all are counted.</summary>
    public void Fail(string what)
    {
        Add("failures");
        if (_failures.Count < 50)
        {
            _failures.Enqueue(what);
        }
    }

    /// <summary>Fails unless <paramref name="condition"/> holds.</summary>
    public void Require(bool condition, string what)
    {
        if (!condition)
        {
            Fail(what);
        }
    }

    /// <summary>Closes the report: lost, duplicated and 5xx must be 0.</summary>
    public void CheckCore()
    {
        Require(this["lost"] == 0, $"{this["lost"]} acknowledged batches are not in the journal");
        Require(this["duplicated"] == 0, $"{this["duplicated"]} batches are in the journal more than once");
        Require(this["5xx"] == 0, $"{this["5xx"]} answers were 5xx other than the 503 of an outage");
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        lock (_order)
        {
            text.Append(Scenario).Append(": ");
            text.AppendJoin(", ", _order.Select(name => $"{name} = {_counts.GetValueOrDefault(name)}"));
        }

        text.Append(Passed ? " -- PASS" : " -- FAIL");
        foreach (var failure in _failures)
        {
            text.Append("\n  ! ").Append(failure);
        }

        return text.ToString();
    }
}
