namespace Actors.Storage.Tests.Clustering;

/// <summary>One activation of <see cref="IClusterProbeGrain"/>: its own random id and the silo hosting it.</summary>
[GenerateSerializer, Immutable]
public sealed record ProbeActivation(Guid Id, SiloAddress Silo);
