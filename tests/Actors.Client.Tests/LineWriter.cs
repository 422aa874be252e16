using System.Text;
using System.Threading.Channels;

namespace Actors.Client.Tests;

/// <summary>A writer whose lines a test can await one by one, as a long-running command writes them.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly StringBuilder _line = new();

    public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                Lines.Writer.TryWrite(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
