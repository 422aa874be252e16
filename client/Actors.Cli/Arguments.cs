namespace Actors.Cli;

/// <summary>
/// A parsed command line: positional words, <c>--name value</c> (or <c>--name=value</c>) options and bare flags.
/// Options may come anywhere, before or after the command.
/// </summary>
public sealed class Arguments
{
    private static readonly HashSet<string> Flags = new(["json", "follow", "help"], StringComparer.Ordinal);
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal) { "url", "token", "json", "help" };

    private Arguments(List<string> positional)
    {
        Positional = positional;
    }

    /// <summary>The words that are not options, in order: command, type, id.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="UsageException">An option lacks its value or is given twice.</exception>
    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new Arguments([]);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                ((List<string>)parsed.Positional).Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (Flags.Contains(name))
            {
                if (value is not null)
                {
                    throw new UsageException($"--{name} takes no value.");
                }

                parsed._flags.Add(name);
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                value = args[++i];
            }

            if (!parsed._options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice.");
            }
        }

        return parsed;
    }

    /// <summary>True when the bare flag <c>--<paramref name="name"/></c> was given.</summary>
    public bool Flag(string name)
    {
        _read.Add(name);
        return _flags.Contains(name);
    }

    /// <summary>The value of <c>--<paramref name="name"/></c>, or null.</summary>
    public string? Option(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    /// <summary>The value of <c>--<paramref name="name"/></c> as a whole number, or null.</summary>
    /// <exception cref="UsageException">The value is not a whole number in range.</exception>
    public long? Number(string name, long min = 0, long max = long.MaxValue)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>Refuses options the command did not look at, so a typo is not silently ignored.</summary>
    /// <exception cref="UsageException">An option is unknown to the command.</exception>
    public void EnsureAllRead(string command)
    {
        var unknown = _options.Keys.Concat(_flags).Where(o => !_read.Contains(o)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"'{command}' does not take {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
