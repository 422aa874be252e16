namespace Actors.Abstractions.Storage;

/// <summary>
/// Durable reminders kept in the journal's database, so that when a silo dies another one ticks its reminders (and so
/// reactivates their grains). Every method throws <see cref="Errors.StorageUnavailableException"/> when the store
/// cannot be reached.
/// </summary>
public interface IReminderStore
{
    /// <summary>The grain's reminders.</summary>
    Task<IReadOnlyList<ReminderRecord>> ReadRemindersAsync(string serviceId, string grainId, CancellationToken cancellationToken);

    /// <summary>
    /// The reminders whose grain hash is in the ring range (<paramref name="begin"/>, <paramref name="end"/>]; when
    /// <paramref name="begin"/> ≥ <paramref name="end"/> the range wraps: above <paramref name="begin"/> or at most
    /// <paramref name="end"/> (so equal bounds mean the whole ring).
    /// </summary>
    Task<IReadOnlyList<ReminderRecord>> ReadRemindersInRangeAsync(string serviceId, uint begin, uint end, CancellationToken cancellationToken);

    /// <summary>One reminder, or null.</summary>
    Task<ReminderRecord?> ReadReminderAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken);

    /// <summary>Inserts the reminder or replaces the one of the same grain and name, whatever its etag; stores <see cref="ReminderRecord.ETag"/>.</summary>
    Task UpsertReminderAsync(ReminderRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes the reminder if its etag is <paramref name="eTag"/>; false, with nothing deleted, otherwise (or when there is none).</summary>
    Task<bool> RemoveReminderAsync(string serviceId, string grainId, string name, string eTag, CancellationToken cancellationToken);

    /// <summary>Deletes every reminder of the service.</summary>
    Task ClearRemindersAsync(string serviceId, CancellationToken cancellationToken);
}
