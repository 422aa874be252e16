namespace Actors.Storage.Tests.GrainState;

public abstract partial class GrainStateConformanceTests
{
    [Fact]
    public async Task An_upserted_reminder_reads_back_by_grain_by_name_and_on_another_silo()
    {
        var service = NewServiceId();
        var grain = NewGrain();
        var startAt = new DateTime(2025, 3, 14, 15, 9, 26, DateTimeKind.Utc).AddTicks(5_358_979);

        var etag = await ReminderTable(service).UpsertRow(Reminder(grain, "resume", startAt, TimeSpan.FromMinutes(1)));
        await ReminderTable(service).UpsertRow(Reminder(grain, "other", startAt, TimeSpan.FromMinutes(5)));
        var byGrain = await ReminderTable(service).ReadRows(grain);
        var byName = await ReminderTable(service).ReadRow(grain, "resume");

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(["other", "resume"], byGrain.Reminders.Select(r => r.ReminderName).Order());
        Assert.NotNull(byName);
        Assert.Equal(grain, byName.GrainId);
        Assert.Equal("resume", byName.ReminderName);
        Assert.Equal(TimeSpan.FromMinutes(1), byName.Period);
        Assert.Equal(etag, byName.ETag);
        // Whole microseconds, in UTC: the precision both stores keep.
        Assert.Equal(startAt.AddTicks(-(startAt.Ticks % TimeSpan.TicksPerMicrosecond)), byName.StartAt);
        Assert.Equal(DateTimeKind.Utc, byName.StartAt.Kind);
        Assert.Null(await ReminderTable(service).ReadRow(grain, "missing"));
        Assert.Empty((await ReminderTable(service).ReadRows(NewGrain())).Reminders);
    }

    [Fact]
    public async Task An_upsert_replaces_the_reminder_with_a_new_etag_and_only_the_current_etag_removes_it()
    {
        var service = NewServiceId();
        var grain = NewGrain();
        var first = await ReminderTable(service).UpsertRow(Reminder(grain, "resume", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        var second = await ReminderTable(service).UpsertRow(Reminder(grain, "resume", DateTime.UtcNow, TimeSpan.FromMinutes(2)));

        var refused = await ReminderTable(service).RemoveRow(grain, "resume", first!);
        var kept = await ReminderTable(service).ReadRow(grain, "resume");
        var removed = await ReminderTable(service).RemoveRow(grain, "resume", second!);
        var again = await ReminderTable(service).RemoveRow(grain, "resume", second!);

        Assert.NotEqual(first, second);
        Assert.False(refused);
        Assert.Equal(TimeSpan.FromMinutes(2), kept!.Period);
        Assert.True(removed);
        Assert.False(again);
        Assert.Null(await ReminderTable(service).ReadRow(grain, "resume"));
    }

    [Fact]
    public async Task A_range_of_the_ring_is_open_below_closed_above_and_wraps_when_it_ends_below_its_start()
    {
        var service = NewServiceId();
        var grains = Enumerable.Range(0, 3).Select(_ => NewGrain()).OrderBy(g => g.GetUniformHashCode()).ToList();
        foreach (var grain in grains)
        {
            await ReminderTable(service).UpsertRow(Reminder(grain, "resume", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        var (low, middle, high) = (grains[0].GetUniformHashCode(), grains[1].GetUniformHashCode(), grains[2].GetUniformHashCode());
        Assert.True(low < middle && middle < high, "three different hashes");

        Assert.Equal([grains[1]], await InRangeAsync(service, low, middle));
        Assert.Equal([grains[1], grains[2]], await InRangeAsync(service, low, high));
        Assert.Equal([grains[0], grains[2]], await InRangeAsync(service, middle, low));
        Assert.Equal(grains, await InRangeAsync(service, middle, middle));
        Assert.Equal(grains, await InRangeAsync(service, 0, uint.MaxValue));
        Assert.Empty(await InRangeAsync(service, high, uint.MaxValue));
    }

    [Fact]
    public async Task Reminders_belong_to_their_service_and_clearing_one_service_leaves_the_others()
    {
        var (service, other) = (NewServiceId(), NewServiceId());
        var grain = NewGrain();
        await ReminderTable(service).UpsertRow(Reminder(grain, "resume", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await ReminderTable(other).UpsertRow(Reminder(grain, "resume", DateTime.UtcNow, TimeSpan.FromMinutes(3)));

        await ReminderTable(other).TestOnlyClearTable();

        Assert.Empty((await ReminderTable(other).ReadRows(grain)).Reminders);
        Assert.Empty((await ReminderTable(other).ReadRows(0, 0)).Reminders);
        Assert.Equal(TimeSpan.FromMinutes(1), Assert.Single((await ReminderTable(service).ReadRows(grain)).Reminders).Period);
    }

    private async Task<List<GrainId>> InRangeAsync(string service, uint begin, uint end) =>
        [.. (await ReminderTable(service).ReadRows(begin, end)).Reminders.Select(r => r.GrainId).OrderBy(g => g.GetUniformHashCode())];

    private static ReminderEntry Reminder(GrainId grain, string name, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = startAt, Period = period };
}
