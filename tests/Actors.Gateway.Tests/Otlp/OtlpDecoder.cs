using Google.Protobuf;

namespace Actors.Gateway.Tests.Otlp;

/// <summary>A span as a receiver got it. Ids are lower-case hex; a root span's parent is empty.</summary>
public sealed record ReceivedSpan(
    string Service,
    string Scope,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    OtlpSpanKind Kind,
    IReadOnlyDictionary<string, object?> Attributes,
    OtlpStatusCode Status,
    IReadOnlyList<string> LinkedSpanIds);

/// <summary>A metric as a receiver got it.</summary>
public sealed record ReceivedMetric(string Service, string Scope, string Name, IReadOnlyList<ReceivedPoint> Points);

/// <summary>One data point: the number of a sum or gauge, the count of a histogram.</summary>
public sealed record ReceivedPoint(IReadOnlyDictionary<string, object?> Attributes, double Value);

/// <summary>OTLP's <c>Span.SpanKind</c>.</summary>
public enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>OTLP's <c>Status.StatusCode</c>.</summary>
public enum OtlpStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}

/// <summary>
/// Reads the two OTLP export requests, <c>ExportTraceServiceRequest</c> and <c>ExportMetricsServiceRequest</c>, from
/// their protobuf encoding: only the fields the tests look at, by the field numbers of the OTLP specification
/// (opentelemetry-proto, <c>trace/v1</c>, <c>metrics/v1</c>, <c>common/v1</c>, <c>resource/v1</c>). Every other
/// field is skipped, as a protobuf reader must.
/// </summary>
public static class OtlpDecoder
{
    public static IReadOnlyList<ReceivedSpan> ReadTraces(byte[] request)
    {
        var spans = new List<ReceivedSpan>();

        // ExportTraceServiceRequest: 1 resource_spans. ResourceSpans: 1 resource, 2 scope_spans.
        foreach (var resourceSpans in Repeated(request, 1))
        {
            var service = ServiceName(resourceSpans);

            // ScopeSpans: 1 scope, 2 spans.
            foreach (var scopeSpans in Repeated(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                spans.AddRange(Repeated(scopeSpans, 2).Select(span => ReadSpan(service, scope, span)));
            }
        }

        return spans;
    }

    public static IReadOnlyList<ReceivedMetric> ReadMetrics(byte[] request)
    {
        var metrics = new List<ReceivedMetric>();

        // ExportMetricsServiceRequest: 1 resource_metrics. ResourceMetrics: 1 resource, 2 scope_metrics.
        foreach (var resourceMetrics in Repeated(request, 1))
        {
            var service = ServiceName(resourceMetrics);

            // ScopeMetrics: 1 scope, 2 metrics.
            foreach (var scopeMetrics in Repeated(resourceMetrics, 2))
            {
                var scope = ScopeName(scopeMetrics);
                metrics.AddRange(Repeated(scopeMetrics, 2).Select(metric => ReadMetric(service, scope, metric)));
            }
        }

        return metrics;
    }

    // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes, 13 links, 15 status.
    private static ReceivedSpan ReadSpan(string service, string scope, byte[] span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = OtlpSpanKind.Unspecified;
        var status = OtlpStatusCode.Unset;
        var attributes = new Dictionary<string, object?>();
        var links = new List<string>();
        var input = new CodedInputStream(span);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    traceId = Hex(input.ReadBytes());
                    break;
                case 2:
                    spanId = Hex(input.ReadBytes());
                    break;
                case 4:
                    parentSpanId = Hex(input.ReadBytes());
                    break;
                case 5:
                    name = input.ReadString();
                    break;
                case 6:
                    kind = (OtlpSpanKind)input.ReadEnum();
                    break;
                case 9:
                    AddAttribute(attributes, input.ReadBytes().ToByteArray());
                    break;
                case 13:
                    // Link: 2 span_id.
                    links.Add(Hex(Field(input.ReadBytes().ToByteArray(), 2)));
                    break;
                case 15:
                    // Status: 3 code.
                    status = (OtlpStatusCode)ReadStatusCode(input.ReadBytes().ToByteArray());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedSpan(service, scope, traceId, spanId, parentSpanId, name, kind, attributes, status, links);
    }

    // Metric: 1 name, 5 gauge, 7 sum, 9 histogram. Gauge and Sum: 1 data_points (NumberDataPoint); Histogram: 1 data_points.
    private static ReceivedMetric ReadMetric(string service, string scope, byte[] metric)
    {
        var name = "";
        var points = new List<ReceivedPoint>();
        var input = new CodedInputStream(metric);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    name = input.ReadString();
                    break;
                case 5 or 7:
                    points.AddRange(Repeated(input.ReadBytes().ToByteArray(), 1).Select(ReadNumberPoint));
                    break;
                case 9:
                    points.AddRange(Repeated(input.ReadBytes().ToByteArray(), 1).Select(ReadHistogramPoint));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedMetric(service, scope, name, points);
    }

    // NumberDataPoint: 4 as_double, 6 as_int (sfixed64), 7 attributes.
    private static ReceivedPoint ReadNumberPoint(byte[] point)
    {
        var attributes = new Dictionary<string, object?>();
        double value = 0;
        var input = new CodedInputStream(point);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 4:
                    value = input.ReadDouble();
                    break;
                case 6:
                    value = input.ReadSFixed64();
                    break;
                case 7:
                    AddAttribute(attributes, input.ReadBytes().ToByteArray());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedPoint(attributes, value);
    }

    // HistogramDataPoint: 4 count (fixed64), 9 attributes.
    private static ReceivedPoint ReadHistogramPoint(byte[] point)
    {
        var attributes = new Dictionary<string, object?>();
        double count = 0;
        var input = new CodedInputStream(point);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 4:
                    count = input.ReadFixed64();
                    break;
                case 9:
                    AddAttribute(attributes, input.ReadBytes().ToByteArray());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedPoint(attributes, count);
    }

    // Resource (field 1 of ResourceSpans and ResourceMetrics): 1 attributes.
    private static string ServiceName(byte[] resourceSignal)
    {
        var attributes = new Dictionary<string, object?>();
        foreach (var attribute in Repeated(Field(resourceSignal, 1), 1))
        {
            AddAttribute(attributes, attribute);
        }

        return attributes.GetValueOrDefault("service.name") as string ?? "";
    }

    // InstrumentationScope (field 1 of ScopeSpans and ScopeMetrics): 1 name.
    private static string ScopeName(byte[] scopeSignal)
    {
        var scope = Field(scopeSignal, 1);
        return scope.Length == 0 ? "" : ByteString.CopyFrom(Field(scope, 1)).ToStringUtf8();
    }

    // KeyValue: 1 key, 2 value (AnyValue).
    private static void AddAttribute(Dictionary<string, object?> attributes, byte[] keyValue)
    {
        var key = ByteString.CopyFrom(Field(keyValue, 1)).ToStringUtf8();
        attributes[key] = ReadAnyValue(Field(keyValue, 2));
    }

    // AnyValue, a oneof: 1 string, 2 bool, 3 int64, 4 double, 5 array (ArrayValue: 1 values), 6 kvlist, 7 bytes.
    private static object? ReadAnyValue(byte[] anyValue)
    {
        object? value = null;
        var input = new CodedInputStream(anyValue);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            value = WireFormat.GetTagFieldNumber(tag) switch
            {
                1 => input.ReadString(),
                2 => input.ReadBool(),
                3 => input.ReadInt64(),
                4 => input.ReadDouble(),
                5 => Repeated(input.ReadBytes().ToByteArray(), 1).Select(ReadAnyValue).ToArray(),
                7 => input.ReadBytes().ToByteArray(),
                _ => Skip(input),
            };
        }

        return value;
    }

    private static int ReadStatusCode(byte[] status)
    {
        var code = 0;
        var input = new CodedInputStream(status);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
            {
                code = input.ReadEnum();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return code;
    }

    /// <summary>Every occurrence of length-delimited field <paramref name="number"/> (a repeated message), in order.</summary>
    private static List<byte[]> Repeated(byte[] message, int number)
    {
        var values = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }

    /// <summary>The last occurrence of length-delimited field <paramref name="number"/>; empty when absent (the default).</summary>
    private static byte[] Field(byte[] message, int number) => Repeated(message, number).LastOrDefault() ?? [];

    private static object? Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return null;
    }

    private static string Hex(ByteString bytes) => Hex(bytes.ToByteArray());

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
