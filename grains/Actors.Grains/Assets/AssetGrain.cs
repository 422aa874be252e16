using Actors.Grains.Messages;
using Actors.Grains.Assets.Commands;

namespace Actors.Grains.Assets;

/// <summary>The asset grain (grain type <c>asset</c>): its typed calls are one-message batches decided by <see cref="AssetRules"/>.</summary>
[GrainType("asset")]
public sealed class AssetGrain(ActorGrainServices services) : ActorGrain<AssetState>(AssetRules.Instance, services), IAssetActor
{
    /// <inheritdoc />
    public Task<CommandResult> CreateAsync(CreateAsset command, CancellationToken cancellationToken = default) =>
        CommandAsync("create", command, GrainsJsonContext.Default.CreateAsset, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> MoveAsync(MoveAsset command, CancellationToken cancellationToken = default) =>
        CommandAsync("move", command, GrainsJsonContext.Default.MoveAsset, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AssignCustodianAsync(AssignCustodian command, CancellationToken cancellationToken = default) =>
        CommandAsync("assignCustodian", command, GrainsJsonContext.Default.AssignCustodian, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetAttributeAsync(SetAssetAttribute command, CancellationToken cancellationToken = default) =>
        CommandAsync("setAttribute", command, GrainsJsonContext.Default.SetAssetAttribute, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> RetireAsync(CancellationToken cancellationToken = default) =>
        CommandAsync("retire", new RetireAsset(), GrainsJsonContext.Default.RetireAsset, cancellationToken);
}
