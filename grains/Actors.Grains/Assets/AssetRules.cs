using Actors.Abstractions.Errors;
using Actors.Grains.Assets.Commands;
using Actors.Grains.Assets.Events;
using Actors.Grains;

namespace Actors.Grains.Assets;

/// <summary>A tracked asset. An active asset can be moved, handed over and described; a retired one takes no more changes.</summary>
public sealed class AssetRules : ActorRules<AssetState>
{
    private AssetRules()
    {
    }

    /// <summary>The one instance: rules hold no state.</summary>
    public static AssetRules Instance { get; } = new();

    /// <inheritdoc />
    public override ActorTypeDescriptor Type => ActorTypes.Asset;

    /// <inheritdoc />
    public override void Decide(CommandTurn<AssetState> turn, string type, object command) => new Decision(turn).Handle(type, command);


    public override AssetState Apply(AssetState? state, IActorEvent e) => e switch
    {
        AssetCreated c => new AssetState { AssetId = c.AssetId, Status = AssetStatus.Active, Name = c.Name, AssetType = c.AssetType },
        AssetMoved m => state! with { Location = m.Location },
        CustodianAssigned a => state! with { Custodian = a.Custodian },
        AssetAttributeSet a => state! with { Attributes = state.Attributes.SetItem(a.Key, a.Value) },
        AssetRetired => state! with { Status = AssetStatus.Retired },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    /// <summary>One command's decision: validates it against the state so far and raises its events.</summary>
    private sealed class Decision(CommandTurn<AssetState> turn)
    {
        private AssetState Current => turn.State!;

        /// <inheritdoc />
        public void Handle(string type, object body)
        {
            switch (body)
            {
                case CreateAsset c:
                    turn.Raise(new AssetCreated(turn.Id, Validate.Required(c.Name, "name"), Validate.Required(c.AssetType, "assetType")));
                    break;
                case MoveAsset c:
                    var location = Validate.Required(c.Location, "location");
                    EnsureActive(type);
                    turn.Raise(new AssetMoved(location));
                    break;
                case AssignCustodian c:
                    var custodian = Validate.Required(c.Custodian, "custodian");
                    EnsureActive(type);
                    turn.Raise(new CustodianAssigned(custodian));
                    break;
                case SetAssetAttribute c:
                    var key = Validate.Required(c.Key, "key");
                    var value = c.Value ?? throw ActorException.Invalid("Field 'value' is required.");
                    EnsureActive(type);
                    turn.Raise(new AssetAttributeSet(key, value));
                    break;
                case RetireAsset:
                    EnsureActive(type);
                    turn.Raise(new AssetRetired());
                    break;
                default:
                    throw new InvalidOperationException($"The asset actor has no handler for '{type}'.");
            }
        }

        private void EnsureActive(string command)
        {
            if (Current.Status != AssetStatus.Active)
            {
                throw ActorException.Rule($"{command} is refused: field 'assetState' is 'retired', which is final.");
            }
        }
    }
}
