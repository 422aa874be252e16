namespace Actors.Gateway.Endpoints;

/// <summary>What the health endpoints answer.</summary>
public sealed record HealthStatus(string Status);
