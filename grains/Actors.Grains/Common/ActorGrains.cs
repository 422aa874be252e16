using System.Collections.Frozen;
using Actors.Grains.Assets;
using Actors.Grains.Orders;
using Actors.Grains.Payments;
using Actors.Grains.Skus;
using Actors.Grains.Tickets;

namespace Actors.Grains;

/// <summary>The business actor types a silo hosts, with their rules.</summary>
public static class ActorGrains
{
    private static readonly ActorRules[] All =
        [OrderRules.Instance, PaymentRules.Instance, TicketRules.Instance, AssetRules.Instance, SkuRules.Instance];

    private static readonly FrozenDictionary<string, ActorRules> ByName = All.ToFrozenDictionary(r => r.Type.Name, StringComparer.Ordinal);

    /// <summary>Every type's rules, in the order of <see cref="ActorTypes.All"/>.</summary>
    public static IEnumerable<ActorRules> Rules => All;

    /// <summary>The rules of the type named <paramref name="type"/> (its URL name), or null.</summary>
    public static ActorRules? Find(string type) => ByName.GetValueOrDefault(type);
}
