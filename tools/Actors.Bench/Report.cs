using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Bench;

/// <summary>Every figure measured in one run, the goals judged from them, and how they are printed and saved.</summary>
public sealed class Report(Size size, string command)
{
    private readonly List<(string Key, double Value, string Unit)> _figures = [];
    private readonly List<GoalRow> _goals = [];
    private readonly List<string> _notes = [];

    /// <summary>Records one figure, e.g. <c>s1.p99</c> in ms.</summary>
    public void Figure(string key, double value, string unit)
    {
        lock (_figures)
        {
            _figures.Add((key, value, unit));
        }

        Console.Error.WriteLine($"bench:   {key} = {Format(value)} {unit}");
    }

    /// <summary>Records the median and p99 of a latency under <paramref name="key"/>.</summary>
    public void Latency(string key, Latencies latencies)
    {
        Figure(key + ".median", latencies.Median, "ms");
        Figure(key + ".p99", latencies.P99, "ms");
        Figure(key + ".samples", latencies.Count, "calls");
    }

    /// <summary>The value of a figure recorded earlier; NaN when it is missing (its scenario failed).</summary>
    public double Get(string key)
    {
        lock (_figures)
        {
            var found = _figures.FindLast(f => f.Key == key);
            return found.Key is null ? double.NaN : found.Value;
        }
    }

    /// <summary>Records a note printed under the table (a failure, a caveat).</summary>
    public void Note(string note)
    {
        _notes.Add(note);
        Console.Error.WriteLine("bench: note: " + note);
    }

    /// <summary>
    /// A goal "measured ≥ factor × baseline" (<paramref name="higherIsBetter"/>) or "measured ≤ factor × baseline";
    /// the ratio printed is measured ÷ baseline.
    /// </summary>
    public void Goal(string id, string what, double measured, string unit, double baseline, string baselineName, double factor, bool higherIsBetter, string whyMissed, string extra = "")
    {
        var ratio = measured / baseline;
        var met = higherIsBetter ? ratio >= factor : ratio <= factor;
        var goal = $"{(higherIsBetter ? "≥" : "≤")} {Format(factor)} × {baselineName} ({Format(baseline)} {unit})";
        _goals.Add(new GoalRow(id, what, $"{Format(measured)} {unit}{extra}", goal, ratio, Verdict(measured, baseline, met), Missed(measured, baseline, met) ? whyMissed : ""));
    }

    /// <summary>A goal against an absolute limit, e.g. p99 ≤ 5 ms; the ratio printed is measured ÷ limit.</summary>
    public void Limit(string id, string what, double measured, string unit, double limit, string whyMissed)
    {
        var met = measured <= limit;
        _goals.Add(new GoalRow(id, what, $"{Format(measured)} {unit}", $"≤ {Format(limit)} {unit}", measured / limit, Verdict(measured, limit, met), Missed(measured, limit, met) ? whyMissed : ""));
    }

    /// <summary>A figure reported without a goal (a baseline).</summary>
    public void Baseline(string id, string what, double measured, string unit, string extra = "") =>
        _goals.Add(new GoalRow(id, what, $"{Format(measured)} {unit}{extra}", "baseline", double.NaN, double.IsNaN(measured) ? "not measured" : "—", ""));

    /// <summary>A figure reported as a ratio to another, without a goal (the issue sets none).</summary>
    public void Reported(string id, string what, double measured, string unit, double reference, string referenceName, string extra = "") =>
        _goals.Add(new GoalRow(id, what, $"{Format(measured)} {unit}{extra}", $"reported: × {referenceName} ({Format(reference)} {unit})", measured / reference,
            double.IsFinite(measured) && double.IsFinite(reference) ? "—" : "not measured", ""));

    /// <summary>The table as Markdown, with the reasons for every miss below it.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| id | what | measured | goal | ratio | result |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var g in _goals)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {g.Id} | {g.What} | {g.Measured} | {g.Goal} | {(double.IsNaN(g.Ratio) ? "—" : g.Ratio.ToString("0.00", CultureInfo.InvariantCulture))} | {g.Result} |");
        }

        var misses = _goals.Where(g => g.WhyMissed.Length > 0).ToList();
        if (misses.Count > 0)
        {
            text.AppendLine();
            foreach (var g in misses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- **{g.Id} {g.What}** missed: {g.WhyMissed}");
            }
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    /// <summary>Writes the machine, date, command, every figure and every goal as JSON.</summary>
    public async Task WriteJsonAsync(string path, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var figures = new JsonObject();
        lock (_figures)
        {
            foreach (var (key, value, unit) in _figures)
            {
                figures[key] = new JsonObject { ["value"] = double.IsFinite(value) ? value : null, ["unit"] = unit };
            }
        }

        var goals = new JsonArray();
        foreach (var g in _goals)
        {
            goals.Add(new JsonObject
            {
                ["id"] = g.Id,
                ["what"] = g.What,
                ["measured"] = g.Measured,
                ["goal"] = g.Goal,
                ["ratio"] = double.IsFinite(g.Ratio) ? g.Ratio : null,
                ["result"] = g.Result,
                ["whyMissed"] = g.WhyMissed.Length > 0 ? g.WhyMissed : null,
            });
        }

        var document = new JsonObject
        {
            ["date"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["durationSeconds"] = Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds, 1),
            ["command"] = command,
            ["size"] = size.Name,
            ["machine"] = Machine.Describe(),
            ["figures"] = figures,
            ["goals"] = goals,
            ["notes"] = new JsonArray([.. _notes.Select(n => (JsonNode)JsonValue.Create(n))]),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", cancellationToken);
    }

    /// <summary>Three significant figures at most, never exponent notation.</summary>
    public static string Format(double value) => !double.IsFinite(value) ? "n/a" : Math.Abs(value) switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };

    private static string Verdict(double measured, double reference, bool met) =>
        !double.IsFinite(measured) || !double.IsFinite(reference) ? "not measured" : met ? "**met**" : "missed";

    private static bool Missed(double measured, double reference, bool met) => !met && double.IsFinite(measured) && double.IsFinite(reference);

    private sealed record GoalRow(string Id, string What, string Measured, string Goal, double Ratio, string Result, string WhyMissed);
}
