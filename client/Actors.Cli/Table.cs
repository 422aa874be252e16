namespace Actors.Cli;

/// <summary>A table for people: a header row and left-aligned columns separated by two spaces.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>How many rows were added.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds a row; missing cells are empty, line breaks become spaces.</summary>
    public void Add(params string?[] cells) =>
        _rows.Add([.. headers.Select((_, i) => i < cells.Length ? (cells[i] ?? string.Empty).ReplaceLineEndings(" ") : string.Empty)]);

    /// <summary>Writes the table to <paramref name="output"/>.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        Write(output, headers, widths);
        foreach (var row in _rows)
        {
            Write(output, row, widths);
        }
    }

    private static void Write(TextWriter output, string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
        output.WriteLine(line.TrimEnd());
    }
}
