namespace Actors.Grains.Tickets;

/// <summary>A node of the ticket's <c>comments</c> edge. <paramref name="CreatedAt"/> is ISO 8601 UTC, like every timestamp of the API.</summary>
[GenerateSerializer, Immutable]
public sealed record Comment(string CommentId, string Text, string Author, string CreatedAt);
