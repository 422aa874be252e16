using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Runtime.Entities;

namespace Actors.Grains.Orders;

/// <summary>An order as its events left it. The JSON names are the wire's field names.</summary>
public sealed record OrderState : EntityState
{
    public required string OrderId { get; init; }

    [JsonPropertyName("orderState")]
    public OrderStatus Status { get; init; }

    public string? OrderNumber { get; init; }

    public required string Currency { get; init; }

    /// <summary>The sum of the lines' totals.</summary>
    public decimal Total { get; init; }

    public string? CustomerEmail { get; init; }

    public ImmutableList<OrderLine> Lines { get; init; } = [];

    public ImmutableList<Delivery> Deliveries { get; init; } = [];
}
