using System.CommandLine;
using Actors.Grains;
using Actors.Abstractions;
using Actors.Client;

namespace Actors.Cli;

/// <summary>What a command works with: the actor, its parsed command line and where to write.</summary>
/// <param name="Actor">The actor the command line names.</param>
/// <param name="Parsed">The parsed command line, to read the command's options from.</param>
/// <param name="Output">Results go here.</param>
/// <param name="Error">Progress and errors go here.</param>
/// <param name="Json">Print JSON for scripts instead of tables.</param>
public sealed record Session(ActorRef<IActorGrain> Actor, ParseResult Parsed, TextWriter Output, TextWriter Error, bool Json)
{
    /// <summary>The value of <paramref name="option"/>.</summary>
    public T? Get<T>(Option<T> option) => Parsed.GetValue(option);

    /// <summary>The one point named by <c>--version</c>, <c>--checkpoint</c> or the time option of <paramref name="point"/>.</summary>
    /// <exception cref="UsageException">More than one is given, or none when <paramref name="required"/>.</exception>
    public HistoryPoint? Point(PointOptions point, bool required)
    {
        var version = Get(point.Version);
        var checkpoint = Get(point.Checkpoint);
        var time = Get(point.Time);
        var given = (version is null ? 0 : 1) + (checkpoint is null ? 0 : 1) + (time is null ? 0 : 1);
        if (given > 1 || (required && given == 0))
        {
            throw new UsageException($"Give exactly one of --version N, --checkpoint ID or {point.Time.Name} T.");
        }

        if (version is { } v)
        {
            return HistoryPoint.AtVersion(v);
        }

        if (checkpoint is not null)
        {
            return Guid.TryParse(checkpoint, out var id) ? HistoryPoint.Checkpoint(id) : throw new UsageException($"--checkpoint must be a checkpoint id (UUID), not '{checkpoint}'.");
        }

        return time is null ? null : Parse(time, point.Time.Name);
    }

    /// <summary>A checkpoint id, version or time as the user typed it.</summary>
    /// <exception cref="UsageException">It is none of them.</exception>
    public static HistoryPoint Parse(string text, string option)
    {
        try
        {
            return HistoryPoint.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    /// <summary>The comma-separated list in <paramref name="option"/>, or null.</summary>
    public IReadOnlyList<string>? List(Option<string?> option) =>
        Get(option)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
