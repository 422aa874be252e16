using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Grains;

namespace Actors.Grains.Orders;

/// <summary>An order as its events left it. The JSON names are the wire's field names.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderState : EntityState
{
    /// <summary>The <c>orderId</c> field.</summary>
    [Id(0)]
    public required string OrderId { get; init; }

    /// <summary>The <c>orderState</c> field.</summary>
    [JsonPropertyName("orderState")]
    [Id(1)]
    public OrderStatus Status { get; init; }

    /// <summary>The <c>orderNumber</c> field.</summary>
    [Id(2)]
    public string? OrderNumber { get; init; }

    /// <summary>The <c>currency</c> field.</summary>
    [Id(3)]
    public required string Currency { get; init; }

    /// <summary>The sum of the lines' totals.</summary>
    [Id(4)]
    public decimal Total { get; init; }

    /// <summary>The <c>customerEmail</c> field.</summary>
    [Id(5)]
    public string? CustomerEmail { get; init; }

    /// <summary>The <c>lines</c> field.</summary>
    [Id(6)]
    public ImmutableList<OrderLine> Lines { get; init; } = [];

    /// <summary>The <c>deliveries</c> field.</summary>
    [Id(7)]
    public ImmutableList<Delivery> Deliveries { get; init; } = [];
}
