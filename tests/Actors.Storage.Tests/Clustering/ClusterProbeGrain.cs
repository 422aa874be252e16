using Orleans.Placement;

namespace Actors.Storage.Tests.Clustering;

/// <summary>
/// Placed on the silo that first receives a call for it, so a test knows where each probe lives; every later call,
/// through whichever silo, must reach that same activation.
/// </summary>
[PreferLocalPlacement]
public sealed class ClusterProbeGrain(ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    private readonly ProbeActivation _activation = new(Guid.NewGuid(), silo.SiloAddress);

    public Task<ProbeActivation> GetActivationAsync() => Task.FromResult(_activation);
}
