using Actors.EventSourcing;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Actors.Silo;

/// <summary>
/// The silo's OpenTelemetry: traces and metrics of ASP.NET Core, Orleans, Npgsql and the actors, exported over OTLP
/// (<c>grpc</c> or <c>http/protobuf</c>) when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables name an endpoint.
/// Without one the SDK is not even registered, so nothing is sampled or buffered; the activity sources and meters still
/// answer any in-process listener.
/// </summary>
public static class Telemetry
{
    /// <summary>The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> or <c>OTEL_RESOURCE_ATTRIBUTES</c> says otherwise.</summary>
    public const string DefaultServiceName = "actors-silo";

    /// <summary>The activity sources whose spans are exported, besides ASP.NET Core's and Npgsql's.</summary>
    private static readonly string[] Sources =
    [
        ActorsTelemetry.Name,

        // Grain calls (client and server side) carry the trace from the gateway into the grain: without them the turn
        // would start a trace of its own. Runtime covers Orleans' own system calls, Lifecycle the activation a call can cause.
        ActivitySources.ApplicationGrainActivitySourceName,
        ActivitySources.RuntimeActivitySourceName,
        ActivitySources.LifecycleActivitySourceName,
    ];

    /// <summary>The meters exported, besides ASP.NET Core's and Npgsql's.</summary>
    private static readonly string[] Meters = [ActorsTelemetry.Name, "Microsoft.Orleans"];

    /// <summary>
    /// Registers tracing when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> is set,
    /// metrics when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c> is, and one OTLP
    /// exporter for both that reads the other standard variables (protocol, headers, timeout, compression, per signal
    /// too) from configuration, where the environment lands. Returns whether anything is exported.
    /// </summary>
    public static bool AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var traces = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || IsSet(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var metrics = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || IsSet(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (!traces && !metrics)
        {
            return false;
        }

        // The default name goes first, so that the standard variables, read after it, override it.
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource
            .Clear()
            .AddService(DefaultServiceName)
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector());
        if (traces)
        {
            // The default sampler follows the parent. The ASP.NET Core instrumentation makes the request span the sampled
            // root of every trace; without it the gateway's span had an unrecorded parent and was dropped, children and all.
            telemetry.WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation()
                .AddNpgsql());
        }

        if (metrics)
        {
            telemetry.WithMetrics(meters => meters
                .AddMeter(Meters)
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation());
        }

        // Unlike AddOtlpExporter per signal, this honours OTEL_EXPORTER_OTLP_TRACES_* and _METRICS_* as well.
        telemetry.UseOtlpExporter();
        return true;
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
