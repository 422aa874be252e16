using Actors.Abstractions.Errors;
using Actors.Grains.Assets.Commands;
using Actors.Grains.Assets.Events;
using Actors.Runtime.Entities;

namespace Actors.Grains.Assets;

/// <summary>A tracked asset. An active asset can be moved, handed over and described; a retired one takes no more changes.</summary>
public sealed class AssetActor : EntityActor<AssetState>, IAssetActor
{
    public static readonly ActorTypeDescriptor Type = ActorTypeDescriptor
        .For("asset", "Asset", "assetId", GrainsJsonContext.Default.AssetState, () => new AssetActor())
        .Command("create", GrainsJsonContext.Default.CreateAsset)
        .Command("move", GrainsJsonContext.Default.MoveAsset)
        .Command("assignCustodian", GrainsJsonContext.Default.AssignCustodian)
        .Command("setAttribute", GrainsJsonContext.Default.SetAssetAttribute)
        .Command("retire", GrainsJsonContext.Default.RetireAsset)
        .Event("Created", GrainsJsonContext.Default.AssetCreated)
        .Event("Moved", GrainsJsonContext.Default.AssetMoved)
        .Event("CustodianAssigned", GrainsJsonContext.Default.CustodianAssigned)
        .Event("AttributeSet", GrainsJsonContext.Default.AssetAttributeSet)
        .Event("Retired", GrainsJsonContext.Default.AssetRetired)
        .Build();

    /// <inheritdoc />
    protected override ActorTypeDescriptor Descriptor => Type;

    /// <inheritdoc />
    protected override void HandleCommand(string type, object body, CommandContext context)
    {
        switch (body)
        {
            case CreateAsset c:
                RaiseEvent(new AssetCreated(Key.Id, Required(c.Name, "name"), Required(c.AssetType, "assetType")));
                break;
            case MoveAsset c:
                var location = Required(c.Location, "location");
                EnsureActive(type);
                RaiseEvent(new AssetMoved(location));
                break;
            case AssignCustodian c:
                var custodian = Required(c.Custodian, "custodian");
                EnsureActive(type);
                RaiseEvent(new CustodianAssigned(custodian));
                break;
            case SetAssetAttribute c:
                var key = Required(c.Key, "key");
                var value = c.Value ?? throw ActorException.Invalid("Field 'value' is required.");
                EnsureActive(type);
                RaiseEvent(new AssetAttributeSet(key, value));
                break;
            case RetireAsset:
                EnsureActive(type);
                RaiseEvent(new AssetRetired());
                break;
            default:
                throw new InvalidOperationException($"The asset actor has no handler for '{type}'.");
        }
    }

    /// <inheritdoc />
    protected override AssetState ApplyEvent(AssetState? state, IActorEvent e) => e switch
    {
        AssetCreated c => new AssetState { AssetId = c.AssetId, Status = AssetStatus.Active, Name = c.Name, AssetType = c.AssetType },
        AssetMoved m => state! with { Location = m.Location },
        CustodianAssigned a => state! with { Custodian = a.Custodian },
        AssetAttributeSet a => state! with { Attributes = state.Attributes.SetItem(a.Key, a.Value) },
        AssetRetired => state! with { Status = AssetStatus.Retired },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    private void EnsureActive(string command)
    {
        if (TentativeState!.Status != AssetStatus.Active)
        {
            throw ActorException.Rule($"{command} is refused: field 'assetState' is 'retired', which is final.");
        }
    }
}
