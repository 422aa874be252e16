namespace Actors.Runtime.Entities.Messages;

/// <summary>Body of <c>addTag</c> and <c>removeTag</c>.</summary>
public sealed record TagBody(string? Key);
