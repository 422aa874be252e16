using System.CommandLine;

namespace Actors.Cli;

/// <summary>The options naming one point of an actor's history: <c>--version N</c>, <c>--checkpoint ID</c> or a time option.</summary>
public sealed class PointOptions
{
    /// <summary>Adds the three options to <paramref name="verb"/>; the time option is <paramref name="timeOption"/> (<c>--at</c>, <c>--as-of</c>).</summary>
    public PointOptions(Verb verb, string timeOption, string timeDescription)
    {
        Version = verb.Number("--version", "The version (0: before the actor existed).");
        Checkpoint = verb.Text("--checkpoint", "ID", "The checkpoint id (a UUID).");
        Time = verb.Text(timeOption, "T", timeDescription);
    }

    /// <summary><c>--version N</c>.</summary>
    public Option<long?> Version { get; }

    /// <summary><c>--checkpoint ID</c>.</summary>
    public Option<string?> Checkpoint { get; }

    /// <summary>The time option.</summary>
    public Option<string?> Time { get; }
}
