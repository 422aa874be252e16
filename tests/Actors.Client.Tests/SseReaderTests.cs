using System.IO.Pipelines;
using System.Text;
using Actors.Client.Transport;

namespace Actors.Client.Tests;

/// <summary>The replay stream's reader: events through SseParser, comments as signs of life, silence as a dead connection.</summary>
public sealed class SseReaderTests
{
    [Fact]
    public async Task Events_come_with_their_id_and_type_and_comments_only_show_the_connection_is_alive()
    {
        var pipe = new Pipe();
        using var reader = new SseReader(pipe.Reader.AsStream(), TimeSpan.FromSeconds(30), CancellationToken.None);

        await WriteAsync(pipe, ": waiting\n\n");
        await WriteAsync(pipe, "retry: 1000\n: this silo is stopping\n\nid: 7\nevent: mutation\ndata: {\"version\":7}\n\n");
        var first = await reader.ReadAsync();
        await pipe.Writer.CompleteAsync();
        var end = await reader.ReadAsync();

        Assert.True(reader.Alive);
        Assert.Equal(("7", "mutation", "{\"version\":7}"), (first!.Value.EventId, first.Value.EventType, first.Value.Data));
        Assert.Null(end);
    }

    [Fact]
    public async Task A_stream_silent_for_the_idle_timeout_is_a_timeout_even_after_a_comment()
    {
        var pipe = new Pipe();
        using var reader = new SseReader(pipe.Reader.AsStream(), TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await WriteAsync(pipe, ": waiting\n\n");

        await Assert.ThrowsAsync<TimeoutException>(reader.ReadAsync);
        Assert.True(reader.Alive);
    }

    private static async Task WriteAsync(Pipe pipe, string text) => await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));
}
