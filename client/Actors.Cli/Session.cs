using Actors.Grains;
using Actors.Abstractions;
using Actors.Client;

namespace Actors.Cli;

/// <summary>What a command works with: the actor, its options and where to write.</summary>
/// <param name="Actor">The actor the command line names.</param>
/// <param name="Arguments">The parsed command line.</param>
/// <param name="Output">Results go here.</param>
/// <param name="Error">Progress and errors go here.</param>
/// <param name="Json">Print JSON for scripts instead of tables.</param>
public sealed record Session(ActorRef<IActorGrain> Actor, Arguments Arguments, TextWriter Output, TextWriter Error, bool Json)
{
    /// <summary>The one point named by the first given of <paramref name="names"/> (<c>version</c>, <c>checkpoint</c>, a time option).</summary>
    /// <exception cref="UsageException">More than one is given, or none when <paramref name="required"/>.</exception>
    public HistoryPoint? Point(bool required, string timeOption)
    {
        var version = Arguments.Number("version");
        var checkpoint = Arguments.Option("checkpoint");
        var time = Arguments.Option(timeOption);
        var given = (version is null ? 0 : 1) + (checkpoint is null ? 0 : 1) + (time is null ? 0 : 1);
        if (given > 1 || (required && given == 0))
        {
            throw new UsageException($"Give exactly one of --version N, --checkpoint ID or --{timeOption} T.");
        }

        if (version is { } v)
        {
            return HistoryPoint.AtVersion(v);
        }

        if (checkpoint is not null)
        {
            return Guid.TryParse(checkpoint, out var id) ? HistoryPoint.Checkpoint(id) : throw new UsageException($"--checkpoint must be a checkpoint id (UUID), not '{checkpoint}'.");
        }

        return time is null ? null : Parse(time, timeOption);
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
            throw new UsageException($"--{option}: {e.Message}");
        }
    }

    /// <summary>The comma-separated list in <c>--<paramref name="name"/></c>, or null.</summary>
    public IReadOnlyList<string>? List(string name) =>
        Arguments.Option(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Refuses options the command does not know.</summary>
    public void Done(string command) => Arguments.EnsureAllRead(command);
}
