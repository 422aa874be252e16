namespace Actors.Abstractions.Errors;

/// <summary>
/// A point of history before what any tier still holds: the sets there left the hot journal and were not archived (410,
/// problem type <see cref="ProblemCatalog.HistoryPrunedType"/>). Never a wrong or partial answer instead.
/// </summary>
/// <param name="detail">What was asked and where history starts now.</param>
/// <param name="earliestVersion">The oldest version whose state can still be read; null for a read across actors.</param>
/// <param name="earliestTimestamp">The commit time of that version (across actors: the newest such time among the actors the read reached).</param>
[GenerateSerializer]
public sealed class HistoryPrunedException(string detail, long? earliestVersion, DateTimeOffset? earliestTimestamp)
    : ActorException(ActorErrorKind.HistoryPruned, detail)
{
    /// <summary>The oldest version whose state can still be read; null for a read across actors.</summary>
    [Id(0)]
    public long? EarliestVersion { get; } = earliestVersion;

    /// <summary>When that version committed.</summary>
    [Id(1)]
    public DateTimeOffset? EarliestTimestamp { get; } = earliestTimestamp;

    /// <summary>The position of the message that read the pruned point, when it was one of a batch.</summary>
    [Id(2)]
    public int? MessageIndex { get; init; }

    /// <summary>The type of that message.</summary>
    [Id(3)]
    public string? MessageType { get; init; }

    /// <summary>The refusal of one actor's pruned history: "order ord-1 keeps history from version 120 (…); earlier versions were pruned".</summary>
    public static HistoryPrunedException Of(ActorKey actor, long earliestVersion, DateTimeOffset earliestTimestamp) => new(
        $"{actor.Type} {actor.Id} keeps history from version {earliestVersion} ({Timestamps.Format(earliestTimestamp)}); earlier versions were pruned.",
        earliestVersion,
        earliestTimestamp);

    /// <summary>The same refusal, as the answer to message <paramref name="index"/> of a batch.</summary>
    public HistoryPrunedException AtMessage(int index, string type) =>
        new(Message, EarliestVersion, EarliestTimestamp) { MessageIndex = index, MessageType = type };
}
