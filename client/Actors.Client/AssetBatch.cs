using Actors.Grains;
using Actors.Grains.Assets;
using Actors.Grains.Assets.Commands;

namespace Actors.Client;

/// <summary>The asset's commands on a batch: <c>asset.Batch().Create(new CreateAsset("Laptop", "it")).Move("HQ")</c>.</summary>
public static class AssetBatch
{
    /// <summary>Adds <c>create</c>: a new asset, <c>active</c>.</summary>
    public static ActorBatch<IAssetActor> Create(this ActorBatch<IAssetActor> batch, CreateAsset command) =>
        batch.Add(ActorCommand.Create("create", command, GrainsJsonContext.Default.CreateAsset));

    /// <summary>Adds <c>move</c>.</summary>
    public static ActorBatch<IAssetActor> Move(this ActorBatch<IAssetActor> batch, string location) =>
        batch.Add(ActorCommand.Create("move", new MoveAsset(location), GrainsJsonContext.Default.MoveAsset));

    /// <summary>Adds <c>assignCustodian</c>.</summary>
    public static ActorBatch<IAssetActor> AssignCustodian(this ActorBatch<IAssetActor> batch, string custodian) =>
        batch.Add(ActorCommand.Create("assignCustodian", new AssignCustodian(custodian), GrainsJsonContext.Default.AssignCustodian));

    /// <summary>Adds <c>setAttribute</c>: sets or replaces attribute <paramref name="key"/>.</summary>
    public static ActorBatch<IAssetActor> SetAttribute(this ActorBatch<IAssetActor> batch, string key, string value) =>
        batch.Add(ActorCommand.Create("setAttribute", new SetAssetAttribute(key, value), GrainsJsonContext.Default.SetAssetAttribute));

    /// <summary>Adds <c>retire</c>; a retired asset refuses further changes.</summary>
    public static ActorBatch<IAssetActor> Retire(this ActorBatch<IAssetActor> batch) =>
        batch.Add(ActorCommand.Create("retire", new RetireAsset(), GrainsJsonContext.Default.RetireAsset));
}
