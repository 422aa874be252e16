using Actors.Grains;

namespace Actors.Grains.Tickets.Events;

/// <summary>A comment was added by <paramref name="Author"/> at <paramref name="CreatedAt"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record CommentAdded(string CommentId, string Text, string Author, string CreatedAt) : IActorEvent;
