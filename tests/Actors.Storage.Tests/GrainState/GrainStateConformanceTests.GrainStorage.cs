using Orleans.Storage;

namespace Actors.Storage.Tests.GrainState;

public abstract partial class GrainStateConformanceTests
{
    [Fact]
    public async Task A_state_never_written_reads_as_a_new_state_with_no_etag_and_no_record()
    {
        var state = new TestGrainState<JobState> { State = new JobState { Name = "left over" }, ETag = "stale" };

        await GrainStorage().ReadStateAsync("job", NewGrain(), state, Ct);

        Assert.Equal("", state.State.Name);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_through_another_silos_storage_with_the_same_etag()
    {
        var grain = NewGrain();
        var written = new TestGrainState<JobState> { State = new JobState { Name = "snapshot", Count = 3, Lines = ["a", "b"], At = DateTimeOffset.Parse("2025-01-15T10:30:00.123456Z", System.Globalization.CultureInfo.InvariantCulture) } };

        await GrainStorage().WriteStateAsync("job", grain, written, Ct);
        var read = new TestGrainState<JobState>();
        await GrainStorage().ReadStateAsync("job", grain, read, Ct);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("snapshot", read.State.Name);
        Assert.Equal(3, read.State.Count);
        Assert.Equal(["a", "b"], read.State.Lines);
        Assert.Equal(written.State.At, read.State.At);
    }

    [Fact]
    public async Task Every_write_draws_a_new_etag_and_states_of_one_grain_are_kept_apart_by_name()
    {
        var grain = NewGrain();
        var state = new TestGrainState<JobState> { State = new JobState { Name = "first" } };
        var other = new TestGrainState<JobState> { State = new JobState { Name = "other" } };

        await GrainStorage().WriteStateAsync("job", grain, state, Ct);
        var first = state.ETag;
        state.State.Name = "second";
        await GrainStorage().WriteStateAsync("job", grain, state, Ct);
        await GrainStorage().WriteStateAsync("other", grain, other, Ct);
        var read = new TestGrainState<JobState>();
        await GrainStorage().ReadStateAsync("job", grain, read, Ct);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("second", read.State.Name);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var grain = NewGrain();
        var mine = new TestGrainState<JobState> { State = new JobState { Name = "mine" } };
        await GrainStorage().WriteStateAsync("job", grain, mine, Ct);
        var theirs = new TestGrainState<JobState>();
        await GrainStorage().ReadStateAsync("job", grain, theirs, Ct);
        theirs.State.Name = "theirs";
        await GrainStorage().WriteStateAsync("job", grain, theirs, Ct);

        mine.State.Name = "mine again";
        await Assert.ThrowsAsync<InconsistentStateException>(() => GrainStorage().WriteStateAsync("job", grain, mine, Ct));

        var read = new TestGrainState<JobState>();
        await GrainStorage().ReadStateAsync("job", grain, read, Ct);
        Assert.Equal("theirs", read.State.Name);
        Assert.Equal(theirs.ETag, read.ETag);
    }

    [Fact]
    public async Task Of_two_first_writes_of_one_grain_only_one_succeeds()
    {
        var grain = NewGrain();
        var states = Enumerable.Range(0, 2).Select(i => new TestGrainState<JobState> { State = new JobState { Name = $"writer {i}" } }).ToList();

        var outcomes = await Task.WhenAll(states.Select(async s =>
        {
            try
            {
                await GrainStorage().WriteStateAsync("job", grain, s, Ct);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o));
        var read = new TestGrainState<JobState>();
        await GrainStorage().ReadStateAsync("job", grain, read, Ct);
        Assert.Equal(states[Array.IndexOf(outcomes, true)].State.Name, read.State.Name);
    }

    [Fact]
    public async Task A_write_with_an_etag_when_there_is_no_record_is_refused()
    {
        var state = new TestGrainState<JobState> { State = new JobState { Name = "ghost" }, ETag = Guid.NewGuid().ToString("N") };

        await Assert.ThrowsAsync<InconsistentStateException>(() => GrainStorage().WriteStateAsync("job", NewGrain(), state, Ct));
    }

    [Fact]
    public async Task Clear_with_the_current_etag_deletes_the_state_and_a_stale_etag_is_refused()
    {
        var grain = NewGrain();
        var state = new TestGrainState<JobState> { State = new JobState { Name = "to clear" } };
        await GrainStorage().WriteStateAsync("job", grain, state, Ct);
        var stale = new TestGrainState<JobState> { State = state.State, ETag = state.ETag };
        state.State.Name = "changed";
        await GrainStorage().WriteStateAsync("job", grain, state, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => GrainStorage().ClearStateAsync("job", grain, stale, Ct));
        await GrainStorage().ClearStateAsync("job", grain, state, Ct);
        var read = new TestGrainState<JobState>();
        await GrainStorage().ReadStateAsync("job", grain, read, Ct);
        var again = new TestGrainState<JobState> { State = new JobState { Name = "again" } };
        await GrainStorage().WriteStateAsync("job", grain, again, Ct);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False(read.RecordExists);
        Assert.True(again.RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => GrainStorage().WriteStateAsync("job", grain, stale, Ct));
    }

    [Fact]
    public async Task Clearing_a_state_never_written_succeeds()
    {
        var state = new TestGrainState<JobState>();

        await GrainStorage().ClearStateAsync("job", NewGrain(), state, Ct);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    /// <summary>A grain's state as the tests persist it.</summary>
    public sealed class JobState
    {
        public string Name { get; set; } = "";

        public int Count { get; set; }

        public List<string> Lines { get; set; } = [];

        public DateTimeOffset At { get; set; }
    }

    private sealed class TestGrainState<T> : IGrainState<T>
        where T : new()
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
