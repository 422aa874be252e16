using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Gateway.Tests.Otlp;

/// <summary>The two OTLP transports a receiver speaks.</summary>
public enum OtlpProtocol
{
    /// <summary>gRPC over HTTP/2 cleartext: <c>opentelemetry.proto.collector.{trace,metrics}.v1.{Trace,Metrics}Service/Export</c>.</summary>
    Grpc,

    /// <summary>Protobuf bodies over HTTP/1.1: <c>POST /v1/traces</c> and <c>POST /v1/metrics</c>.</summary>
    HttpProtobuf,
}

/// <summary>
/// An OTLP receiver on a free loopback port, for one transport: it accepts export requests as a collector does, decodes
/// them (<see cref="OtlpDecoder"/>) and answers an empty (fully successful) export response. Tests await what they expect
/// with <see cref="WaitUntilAsync"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string TracePath = "/v1/traces";
    public const string MetricsPath = "/v1/metrics";
    public const string TraceServicePath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    public const string MetricsServicePath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private readonly Lock _lock = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<ReceivedMetric> _metrics = [];
    private readonly List<string> _requests = [];
    private readonly List<(Func<OtlpReceiver, bool> Condition, TaskCompletionSource Reached)> _waiters = [];
    private WebApplication? _app;

    private OtlpReceiver(OtlpProtocol protocol) => Protocol = protocol;

    public OtlpProtocol Protocol { get; }

    /// <summary>Where an exporter sends to: the base URL (an http/protobuf exporter appends the signal's path itself).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The value of <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> for this receiver.</summary>
    public string ProtocolName => Protocol == OtlpProtocol.Grpc ? "grpc" : "http/protobuf";

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_lock)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<ReceivedMetric> Metrics
    {
        get
        {
            lock (_lock)
            {
                return [.. _metrics];
            }
        }
    }

    /// <summary>The paths of the requests received, in order; refused ones are marked so.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync(OtlpProtocol protocol)
    {
        var receiver = new OtlpReceiver(protocol);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // A collector runs in a process of its own. Here the silo's SDK listens to every "Microsoft.AspNetCore" source of
        // the process, and would trace (and export) the receiver's own requests: its hosting gets a source of another name.
        builder.Services.AddSingleton(new ActivitySource("Actors.Gateway.Tests.OtlpReceiver"));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, options =>
        {
            // gRPC clients talk HTTP/2 with prior knowledge on cleartext; OTLP/HTTP exporters talk HTTP/1.1.
            options.Protocols = protocol == OtlpProtocol.Grpc ? HttpProtocols.Http2 : HttpProtocols.Http1;
        }));
        var app = builder.Build();
        if (protocol == OtlpProtocol.Grpc)
        {
            app.MapPost(TraceServicePath, context => receiver.ExportGrpcAsync(context, OtlpDecoder.ReadTraces, receiver.Add));
            app.MapPost(MetricsServicePath, context => receiver.ExportGrpcAsync(context, OtlpDecoder.ReadMetrics, receiver.Add));
        }
        else
        {
            app.MapPost(TracePath, context => receiver.ExportHttpAsync(context, OtlpDecoder.ReadTraces, receiver.Add));
            app.MapPost(MetricsPath, context => receiver.ExportHttpAsync(context, OtlpDecoder.ReadMetrics, receiver.Add));
        }

        // Anything else (another signal, a wrong path) is answered 404, as a collector would, and remembered.
        app.MapFallback(context =>
        {
            lock (receiver._lock)
            {
                receiver._requests.Add($"{context.Request.Method} {context.Request.Path} (refused)");
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        receiver._app = app;
        receiver.Endpoint = new Uri(app.Urls.Single());
        return receiver;
    }

    /// <summary>Completes once <paramref name="condition"/> holds for what was received; throws after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<OtlpReceiver, bool> condition, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, reached));
        }

        // It may already hold: checked after registering, so that no export in between is missed.
        Check();
        try
        {
            await reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"The receiver ({ProtocolName}) did not get what was awaited within {timeout}. Requests: {string.Join(", ", Requests)}; " +
                $"spans: {string.Join(", ", Spans.Select(s => $"{s.Scope}/{s.Name}"))}; metrics: {string.Join(", ", Metrics.Select(m => m.Name).Distinct())}.");
        }
        finally
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Reached == reached);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// gRPC unary call: the request body is one length-prefixed message (a compressed flag byte, a big-endian length);
    /// the answer is one such message (an empty export response) and the status in the trailers.
    /// </summary>
    private async Task ExportGrpcAsync<T>(HttpContext context, Func<byte[], IReadOnlyList<T>> decode, Action<string, IReadOnlyList<T>> add)
    {
        if (context.Request.Protocol != "HTTP/2" || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var body = await ReadBodyAsync(context.Request);
        context.Response.ContentType = "application/grpc";
        if (body.Length < 5 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4)) != body.Length - 5)
        {
            context.Response.AppendTrailer("grpc-status", "13");
            context.Response.AppendTrailer("grpc-message", "The request is not one length-prefixed message.");
            return;
        }

        var message = body[5..];
        if (body[0] == 1)
        {
            if (context.Request.Headers["grpc-encoding"] != "gzip")
            {
                context.Response.AppendTrailer("grpc-status", "12");
                context.Response.AppendTrailer("grpc-message", "Only gzip compression is supported.");
                return;
            }

            message = await GunzipAsync(message);
        }

        add(context.Request.Path, decode(message));
        await context.Response.Body.WriteAsync(new byte[5]);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>OTLP/HTTP: a protobuf body, answered 200 with an empty protobuf export response.</summary>
    private async Task ExportHttpAsync<T>(HttpContext context, Func<byte[], IReadOnlyList<T>> decode, Action<string, IReadOnlyList<T>> add)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var message = await ReadBodyAsync(context.Request);
        if (context.Request.Headers.ContentEncoding == "gzip")
        {
            message = await GunzipAsync(message);
        }

        add(context.Request.Path, decode(message));
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength = 0;
    }

    private void Add(string path, IReadOnlyList<ReceivedSpan> spans)
    {
        lock (_lock)
        {
            _requests.Add(path);
            _spans.AddRange(spans);
        }

        Check();
    }

    private void Add(string path, IReadOnlyList<ReceivedMetric> metrics)
    {
        lock (_lock)
        {
            _requests.Add(path);
            _metrics.AddRange(metrics);
        }

        Check();
    }

    private void Check()
    {
        List<(Func<OtlpReceiver, bool> Condition, TaskCompletionSource Reached)> waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
        }

        foreach (var (condition, reached) in waiters.Where(w => w.Condition(this)))
        {
            reached.TrySetResult();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<byte[]> GunzipAsync(byte[] compressed)
    {
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain);
        return plain.ToArray();
    }
}
