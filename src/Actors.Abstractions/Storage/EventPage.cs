namespace Actors.Abstractions.Storage;

/// <summary>
/// Matching mutation sets in a stable order, each with the cursor that resumes right after it. Paging with
/// these cursors never skips nor repeats a set while writes go on: a set that commits later always sorts
/// after every cursor already handed out.
/// </summary>
public sealed record EventPage(IReadOnlyList<EventPageEntry> Entries);

/// <summary>A mutation set of an <see cref="EventPage"/> and the cursor that resumes after it.</summary>
public sealed record EventPageEntry(MutationSetRecord MutationSet, string CursorAfter);
