using Actors.Grains.Assets.Commands;
using Actors.Grains.Messages;

namespace Actors.Grains.Assets;

/// <summary>An asset (grain type <c>asset</c>): its location, custodian and attributes until it is retired.</summary>
public interface IAssetActor : IActorGrain<AssetState>
{
    /// <summary><c>create</c>: a new asset, active.</summary>
    Task<CommandResult> CreateAsync(CreateAsset command, CancellationToken cancellationToken = default);

    /// <summary><c>move</c> to a location.</summary>
    Task<CommandResult> MoveAsync(MoveAsset command, CancellationToken cancellationToken = default);

    /// <summary><c>assignCustodian</c>.</summary>
    Task<CommandResult> AssignCustodianAsync(AssignCustodian command, CancellationToken cancellationToken = default);

    /// <summary><c>setAttribute</c>: one key, one value.</summary>
    Task<CommandResult> SetAttributeAsync(SetAssetAttribute command, CancellationToken cancellationToken = default);

    /// <summary><c>retire</c>: final.</summary>
    Task<CommandResult> RetireAsync(CancellationToken cancellationToken = default);
}
