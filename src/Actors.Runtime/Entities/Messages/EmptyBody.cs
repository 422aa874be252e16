namespace Actors.Runtime.Entities.Messages;

/// <summary>Body of messages that take no fields (<c>delete</c>, <c>undelete</c>): any field is refused.</summary>
public sealed record EmptyBody;
