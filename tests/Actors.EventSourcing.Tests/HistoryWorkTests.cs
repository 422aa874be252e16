using static Actors.Runtime.Tests.RuntimeHarness;

namespace Actors.Runtime.Tests;

/// <summary>
/// Time travel must not get slower as history grows: on an actor with thousands of checkpoints, the rows read
/// to answer getState, diff, a preview rewind and a history page are bounded by the snapshot interval (plus the
/// page), the same at the oldest checkpoint as at the newest. Work is counted, not timed.
/// </summary>
public sealed class HistoryWorkTests(LongHistoryFixture fixture) : IClassFixture<LongHistoryFixture>
{
    private const int Interval = LongHistoryFixture.Interval;
    private const int Checkpoints = LongHistoryFixture.Checkpoints;
    private readonly RuntimeHarness _harness = fixture.Harness;

    public static TheoryData<string, string, string> Reads => new()
    {
        { "getState", """[{"type":"getState","body":{"version":1}}]""", """[{"type":"getState","body":{"version":2499}}]""" },
        { "diff", """[{"type":"diff","body":{"from":1,"to":2}}]""", """[{"type":"diff","body":{"from":2498,"to":2499}}]""" },
        { "preview rewind", """[{"type":"rewind","body":{"version":1}},{"type":"query"}]""", """[{"type":"rewind","body":{"version":2499}},{"type":"query"}]""" },
        { "getHistory page", """[{"type":"getHistory","body":{"limit":50,"offset":0}}]""", """[{"type":"getHistory","body":{"limit":50,"offset":2450}}]""" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Reading_the_oldest_checkpoint_costs_what_reading_the_newest_does(string read, string oldest, string newest)
    {
        var oldestRows = await RowsReadAsync(oldest);
        var newestRows = await RowsReadAsync(newest);

        var bound = 2 * (Interval + 1) + 50;
        Assert.True(oldestRows <= bound, $"{read} at the oldest checkpoint read {oldestRows} rows (bound {bound}) of {Checkpoints}");
        Assert.True(newestRows <= bound, $"{read} at the newest checkpoint read {newestRows} rows (bound {bound}) of {Checkpoints}");
    }

    [Fact]
    public async Task The_answers_are_right_at_both_ends()
    {
        var oldest = await _harness.SendAsync("long", Message("getState", """{"version":1}"""));
        var newest = await _harness.SendAsync("long", Message("getState", """{"version":2499}"""));
        var history = await _harness.SendAsync("long", Message("getHistory", """{"limit":50,"offset":2450}"""));

        Assert.Equal(0, (long)oldest.Results[0].Result!["value"]!);
        Assert.Equal(2498, (long)newest.Results[0].Result!["value"]!);
        var entries = history.Results[0].Result!["data"]!.AsArray();
        Assert.Equal(50, entries.Count);
        Assert.Equal(2451, (long)entries[0]!["version"]!);
        Assert.Equal(2449, (long)entries[0]!["oldValue"]!["value"]!);
        Assert.Equal(2450, (long)entries[0]!["newValue"]!["value"]!);
    }

    private async Task<long> RowsReadAsync(string batch)
    {
        var messages = System.Text.Json.JsonDocument.Parse(batch).RootElement.EnumerateArray()
            .Select(m => new Abstractions.Messages.ActorMessage(m.GetProperty("type").GetString()!, m.TryGetProperty("body", out var b) ? b.Clone() : System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone()))
            .ToArray();
        _harness.Store.ResetCounts();
        await SendAsync(_harness.Runtime, "long", preview: true, messages);
        return _harness.Store.RowsRead;
    }
}

/// <summary>One counter with thousands of checkpoints, built once for all the tests that read it.</summary>
public sealed class LongHistoryFixture : IAsyncLifetime
{
    public const int Interval = 64;
    public const int Checkpoints = 2500;

    public RuntimeHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await CreateAsync(o => o.SnapshotInterval = Interval);
        await Harness.SendAsync("long", Message("create"));
        for (var i = 1; i < Checkpoints; i++)
        {
            await Harness.SendAsync("long", Message("increment", """{"by":1}"""));
        }
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
