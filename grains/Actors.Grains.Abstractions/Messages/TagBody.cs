namespace Actors.Grains.Messages;

/// <summary>Body of <c>addTag</c> and <c>removeTag</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record TagBody(string? Key);
