using Actors.Abstractions.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.EventSourcing;

/// <summary>
/// Orleans' reminder table in the journal's database (<see cref="IReminderStore"/>), on SQLite and PostgreSQL alike,
/// scoped to the cluster's <c>ServiceId</c>. Each silo's reminder service ticks the reminders in its range of the ring;
/// when a silo dies, the survivors' ranges grow over its reminders and they tick them, activating the grains there. The
/// schema comes with the journal's (created before the reminder service starts).
/// </summary>
internal sealed class JournalReminderTable(IReminderStore store, IOptions<ClusterOptions> clusterOptions) : IReminderTable
{
    private readonly string _serviceId = clusterOptions.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        new((await store.ReadRemindersAsync(_serviceId, grainId.ToString(), cancellationToken)).Select(ToEntry));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        new((await store.ReadRemindersInRangeAsync(_serviceId, begin, end, cancellationToken)).Select(ToEntry));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        await store.ReadReminderAsync(_serviceId, grainId.ToString(), reminderName, cancellationToken) is { } record ? ToEntry(record) : null;

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        var startAt = entry.StartAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) : entry.StartAt.ToUniversalTime();
        await store.UpsertReminderAsync(
            new ReminderRecord(_serviceId, entry.GrainId.ToString(), entry.ReminderName, entry.GrainId.GetUniformHashCode(), new DateTimeOffset(startAt), entry.Period, etag),
            cancellationToken);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        store.RemoveReminderAsync(_serviceId, grainId.ToString(), reminderName, eTag, cancellationToken);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => store.ClearRemindersAsync(_serviceId, cancellationToken);

    private static ReminderEntry ToEntry(ReminderRecord record) => new()
    {
        GrainId = GrainId.Parse(record.GrainId),
        ReminderName = record.Name,
        StartAt = record.StartAt.UtcDateTime,
        Period = record.Period,
        ETag = record.ETag,
    };
}
