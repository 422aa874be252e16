using System.Text.Json.Serialization;

namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>refund</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record RefundPayment([property: JsonRequired] decimal Amount);
