namespace Actors.Storage.Tests.Clustering;

/// <summary>A grain that tells which activation answered and on which silo it lives.</summary>
public interface IClusterProbeGrain : IGrainWithStringKey
{
    Task<ProbeActivation> GetActivationAsync();
}
