using Actors.EventSourcing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Actors.Silo;

/// <summary>
/// Exports the <c>Actors</c> traces and metrics over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set, and does nothing otherwise. The SDK is wired by hand (no hosting package restores here); the
/// providers live as long as the silo's service provider.
/// </summary>
public sealed class Telemetry : IDisposable
{
    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;

    public Telemetry(IConfiguration configuration, ILogger<Telemetry> logger)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(configuration["OTEL_SERVICE_NAME"] ?? "actors-silo");
        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ActorsTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(ActorsTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        logger.LogInformation("Exporting traces and metrics over OTLP to {Endpoint}", endpoint);
    }

    /// <summary>True when OTLP export is on.</summary>
    public bool Exporting => _tracing is not null;

    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
    }
}
