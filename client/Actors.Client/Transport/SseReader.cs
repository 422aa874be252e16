using System.Net.ServerSentEvents;
using System.Text;

namespace Actors.Client.Transport;

/// <summary>
/// Reads the server-sent events of one response with <see cref="SseParser"/>. A connection silent for longer than the
/// idle timeout is taken for dead; anything arriving counts, the server's keep-alive comments included (the parser
/// skips them, so the silence is measured on the bytes read).
/// </summary>
internal sealed class SseReader : IDisposable
{
    private readonly ActivityStream _stream;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _cancellationToken;

    public SseReader(Stream stream, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        _idleTimeout = idleTimeout;
        _cancellationToken = cancellationToken;
        _stream = new ActivityStream(stream, idleTimeout, cancellationToken);
        _events = SseParser.Create(_stream, static (_, data) => Encoding.UTF8.GetString(data)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>True once anything (an event or a comment) arrived: the connection works.</summary>
    public bool Alive => _stream.Alive;

    /// <summary>The next event, or null when the server ended the stream.</summary>
    /// <exception cref="IOException">The connection broke.</exception>
    /// <exception cref="TimeoutException">Nothing arrived for the idle timeout.</exception>
    public async Task<SseItem<string>?> ReadAsync()
    {
        try
        {
            return await _events.MoveNextAsync() ? _events.Current : null;
        }
        catch (OperationCanceledException) when (!_cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The replay stream was silent for {_idleTimeout.TotalSeconds:0.#} s.");
        }
    }

    public void Dispose()
    {
        _events.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    /// <summary>The response stream, each read bounded by the idle timeout and noted as activity when it brings bytes.</summary>
    private sealed class ActivityStream(Stream inner, TimeSpan idleTimeout, CancellationToken cancellationToken) : Stream
    {
        private readonly CancellationTokenSource _idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        public bool Alive { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
        {
            _idle.CancelAfter(idleTimeout);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_idle.Token, token);
            var read = await inner.ReadAsync(buffer, both.Token);
            Alive |= read > 0;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
            ReadAsync(buffer.AsMemory(offset, count), token).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _idle.Dispose();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
