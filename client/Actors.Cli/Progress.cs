namespace Actors.Cli;

/// <summary>A progress line on stderr for long listings: one line per full page fetched, and a total at the end.</summary>
public sealed class Progress(TextWriter error, string noun, int pageSize)
{
    private long _count;
    private bool _shown;

    /// <summary>Counts one more item; reports after every full page.</summary>
    public void Step()
    {
        _count++;
        if (_count % pageSize == 0)
        {
            error.WriteLine($"actors: fetched {_count} {noun}...");
            _shown = true;
        }
    }

    /// <summary>Reports the total, if progress was shown at all.</summary>
    public void Finish()
    {
        if (_shown)
        {
            error.WriteLine($"actors: fetched {_count} {noun}.");
        }
    }
}
