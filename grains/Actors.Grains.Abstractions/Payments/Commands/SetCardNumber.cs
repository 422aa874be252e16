namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>setCardNumber</c>: the card to authorize (12–19 digits, spaces allowed; personal data), required.</summary>
[GenerateSerializer, Immutable]
public sealed record SetCardNumber(string? CardNumber);
