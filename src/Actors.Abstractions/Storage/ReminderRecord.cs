namespace Actors.Abstractions.Storage;

/// <summary>One durable reminder of a grain, as <see cref="IReminderStore"/> keeps it.</summary>
/// <param name="ServiceId">The service the reminder belongs to: silos of one service share their reminders.</param>
/// <param name="GrainId">The grain's id as Orleans writes it (<c>type/key</c>).</param>
/// <param name="Name">The reminder's name, unique per grain.</param>
/// <param name="GrainHash">The grain id's uniform hash: the silos split the reminders by ranges of it.</param>
/// <param name="StartAt">When the first tick is due (UTC); later ticks follow every <paramref name="Period"/>.</param>
/// <param name="Period">The time between ticks.</param>
/// <param name="ETag">Drawn anew by every upsert; a removal names the one it read.</param>
public sealed record ReminderRecord(
    string ServiceId, string GrainId, string Name, uint GrainHash, DateTimeOffset StartAt, TimeSpan Period, string ETag);
