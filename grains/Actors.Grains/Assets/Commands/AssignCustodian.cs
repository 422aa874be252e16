namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>assignCustodian</c>.</summary>
public sealed record AssignCustodian(string? Custodian);
