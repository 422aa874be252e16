namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>capture</c>; without <c>amount</c> the rest of the authorized amount is captured.</summary>
[GenerateSerializer, Immutable]
public sealed record CapturePayment(decimal? Amount);
