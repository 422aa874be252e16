namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>addComment</c>; the author is the batch's principal.</summary>
public sealed record AddComment(string? Text);
