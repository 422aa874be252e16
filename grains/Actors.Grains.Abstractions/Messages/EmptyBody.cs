namespace Actors.Grains.Messages;

/// <summary>Body of messages that take no fields (<c>delete</c>, <c>undelete</c>): any field is refused.</summary>
[GenerateSerializer, Immutable]
public sealed record EmptyBody;
