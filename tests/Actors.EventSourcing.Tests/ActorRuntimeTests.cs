using Actors.Abstractions;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using static Actors.Runtime.Tests.RuntimeHarness;

namespace Actors.Runtime.Tests;

public sealed class ActorRuntimeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_batches_to_one_actor_run_one_turn_at_a_time()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("c1", Message("create"));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => harness.SendAsync("c1", Message("increment", """{"by":1}""")))));

        Assert.Equal(Enumerable.Range(2, 50).Select(v => (long)v), results.Select(r => r.Version).Order());
        var state = await harness.QueryAsync("c1");
        Assert.Equal(50, (long)state["value"]!);
        Assert.Equal(51, (long)state["version"]!);
    }

    [Fact]
    public async Task Different_actors_take_turns_in_parallel()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("a", Message("create"));
        await harness.SendAsync("b", Message("create"));
        var bothAppending = new Barrier(2);
        harness.Store.BeforeAppend = _ =>
        {
            // Each turn waits here for the other: only if both turns run at once can either go on.
            Assert.True(bothAppending.SignalAndWait(Patience), "The two actors' turns did not run at the same time.");
            return Task.CompletedTask;
        };

        await Task.WhenAll(
            Task.Run(() => harness.SendAsync("a", Message("increment", """{"by":1}"""))),
            Task.Run(() => harness.SendAsync("b", Message("increment", """{"by":1}""")))).WaitAsync(Patience);

        Assert.Equal(1, (long)(await harness.QueryAsync("a"))["value"]!);
        Assert.Equal(1, (long)(await harness.QueryAsync("b"))["value"]!);
    }

    [Fact]
    public async Task An_idle_actor_is_deactivated_and_comes_back_with_its_state()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("idle", Message("create"), Message("increment", """{"by":7}"""));
        Assert.Equal(1, harness.Runtime.ActivationCount);

        Assert.Equal(1, harness.Runtime.DeactivateIdle(TimeSpan.Zero));
        Assert.Equal(0, harness.Runtime.ActivationCount);

        var state = await harness.QueryAsync("idle");
        Assert.Equal(7, (long)state["value"]!);
        Assert.Equal(1, harness.Runtime.ActivationCount);
    }

    [Fact]
    public async Task An_actor_used_recently_is_not_deactivated()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("busy", Message("create"));

        Assert.Equal(0, harness.Runtime.DeactivateIdle(TimeSpan.FromHours(1)));
        Assert.Equal(1, harness.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_failed_turn_leaves_state_and_version_exactly_as_they_were()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("f", Message("create"), Message("increment", """{"by":2}"""));
        var before = await harness.QueryAsync("f");

        var failure = await Assert.ThrowsAsync<MessageFailedException>(() =>
            harness.SendAsync("f", Message("increment", """{"by":5}"""), Message("increment", """{"by":-1}""")));

        Assert.Equal(1, failure.MessageIndex);
        Assert.Equal(ActorErrorKind.BusinessRule, failure.Kind);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(before, await harness.QueryAsync("f")));
        harness.Runtime.DeactivateIdle(TimeSpan.Zero);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(before, await harness.QueryAsync("f")));
    }

    [Fact]
    public async Task A_lost_append_answer_is_recovered_from_the_journal_before_the_next_turn()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("lost", Message("create"));
        harness.Store.AfterAppend = _ => throw new StorageUnavailableException("connection dropped after commit");

        await Assert.ThrowsAsync<StorageUnavailableException>(() => harness.SendAsync("lost", Message("increment", """{"by":3}""")));
        harness.Store.AfterAppend = null;

        var state = await harness.QueryAsync("lost");
        Assert.Equal(3, (long)state["value"]!);
        Assert.Equal(2, (long)state["version"]!);
    }

    [Fact]
    public async Task A_stale_activation_on_another_silo_reloads_and_retries_instead_of_losing_an_update()
    {
        await using var harness = await CreateAsync();
        await using var otherSilo = harness.NewRuntime();
        await harness.SendAsync("shared", Message("create"));
        await SendAsync(otherSilo, "shared", false, Message("query"));

        await harness.SendAsync("shared", Message("increment", """{"by":1}"""));
        var result = await SendAsync(otherSilo, "shared", false, Message("increment", """{"by":10}"""));

        Assert.Equal(3, result.Version);
        Assert.Equal(11, (long)(await harness.QueryAsync("shared", otherSilo))["value"]!);
        var sets = await harness.Store.ReadAsync(new("counter", "shared"), 0, long.MaxValue, 100, CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], sets.Select(s => s.Version));
    }

    [Fact]
    public async Task A_preview_turn_answers_but_changes_nothing()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("p", Message("create"));

        var preview = await SendAsync(harness.Runtime, "p", true, Message("increment", """{"by":4}"""), Message("query"));

        Assert.Equal(4, (long)preview.Results[1].Result!["value"]!);
        Assert.Equal(1, preview.Version);
        Assert.Equal(0, (long)(await harness.QueryAsync("p"))["value"]!);
        Assert.Equal(1, await harness.Store.GetVersionAsync(new("counter", "p"), CancellationToken.None));
    }

    [Fact]
    public async Task Snapshots_bound_the_replay_of_activation_and_of_old_states()
    {
        const int Interval = 10;
        await using var harness = await CreateAsync(o => o.SnapshotInterval = Interval);
        await harness.SendAsync("long", Message("create"));
        for (var i = 0; i < 94; i++)
        {
            await harness.SendAsync("long", Message("increment", """{"by":1}"""));
        }

        harness.Runtime.DeactivateIdle(TimeSpan.Zero);
        harness.Store.ResetCounts();
        var newest = await harness.QueryAsync("long");
        var activationReads = harness.Store.RowsRead;

        harness.Store.ResetCounts();
        var oldest = await harness.SendAsync("long", Message("getState", """{"version":1}"""));
        var oldestReads = harness.Store.RowsRead;
        harness.Store.ResetCounts();
        var middle = await harness.SendAsync("long", Message("getState", """{"version":59}"""));
        var middleReads = harness.Store.RowsRead;

        Assert.Equal(94, (long)newest["value"]!);
        Assert.Equal(0, (long)oldest.Results[0].Result!["value"]!);
        Assert.Equal(58, (long)middle.Results[0].Result!["value"]!);
        Assert.InRange(activationReads, 1, Interval + 1);
        Assert.InRange(oldestReads, 1, Interval + 1);
        Assert.InRange(middleReads, 1, Interval + 1);
    }

    [Fact]
    public async Task A_typed_command_from_an_in_process_caller_is_used_as_it_is_and_recorded_as_json()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("typed", Message("create"));

        await harness.SendAsync("typed", Abstractions.Messages.ActorMessage.Of("increment", new Counters.Increment(6), Counters.CounterJsonContext.Default.Increment));

        Assert.Equal(6, (long)(await harness.QueryAsync("typed"))["value"]!);
        var sets = await harness.Store.ReadAsync(new("counter", "typed"), 1, 2, 1, CancellationToken.None);
        Assert.Contains("\"by\":6", sets[0].Metadata, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_head_checks_a_read_through_another_silo_reflects_every_acknowledged_write()
    {
        await using var harness = await CreateAsync(o => o.VerifyHeadBeforeTurn = true);
        await using var otherSilo = harness.NewRuntime();
        await harness.SendAsync("seen", Message("create"));
        Assert.Equal(0, (long)(await harness.QueryAsync("seen", otherSilo))["value"]!);

        await harness.SendAsync("seen", Message("increment", """{"by":5}"""));

        var read = await harness.QueryAsync("seen", otherSilo);
        Assert.Equal(5, (long)read["value"]!);
        Assert.Equal(2, (long)read["version"]!);
    }

    [Fact]
    public async Task With_head_checks_a_write_through_a_silo_that_is_behind_commits_on_the_newest_state()
    {
        await using var harness = await CreateAsync(o => o.VerifyHeadBeforeTurn = true);
        await using var otherSilo = harness.NewRuntime();
        await harness.SendAsync("behind", Message("create"));
        await harness.QueryAsync("behind", otherSilo);
        await harness.SendAsync("behind", Message("increment", """{"by":5}"""));

        var result = await SendAsync(otherSilo, "behind", false, Message("increment", """{"by":1}"""));

        Assert.Equal(3, result.Version);
        var state = await harness.QueryAsync("behind");
        Assert.Equal(6, (long)state["value"]!);
        Assert.Equal(3, (long)state["version"]!);
    }

    [Fact]
    public async Task With_head_checks_a_write_to_an_up_to_date_activation_reads_nothing_before_it_appends()
    {
        await using var harness = await CreateAsync(o => o.VerifyHeadBeforeTurn = true);
        await harness.SendAsync("fresh", Message("create"));
        harness.Store.ResetCounts();

        await harness.SendAsync("fresh", Message("increment", """{"by":2}"""));

        Assert.Equal(0, harness.Store.RangeReads);
    }

    [Fact]
    public async Task With_head_checks_a_refusal_on_a_silo_that_is_behind_is_judged_again_on_the_newest_state()
    {
        await using var harness = await CreateAsync(o => o.VerifyHeadBeforeTurn = true);
        await using var otherSilo = harness.NewRuntime();

        // The other silo activates the counter before it exists, then another silo creates it.
        await Assert.ThrowsAnyAsync<ActorException>(() => SendAsync(otherSilo, "late", false, Message("increment", """{"by":1}""")));
        await harness.SendAsync("late", Message("create"));

        var result = await SendAsync(otherSilo, "late", false, Message("increment", """{"by":4}"""));

        Assert.Equal(2, result.Version);
        Assert.Equal(4, (long)(await harness.QueryAsync("late"))["value"]!);
    }

    [Fact]
    public async Task With_head_checks_if_match_on_a_silo_that_is_behind_is_compared_with_the_newest_version()
    {
        await using var harness = await CreateAsync(o => o.VerifyHeadBeforeTurn = true);
        await using var otherSilo = harness.NewRuntime();
        await harness.SendAsync("match", Message("create"));
        await harness.QueryAsync("match", otherSilo);
        await harness.SendAsync("match", Message("increment", """{"by":1}"""));

        var result = await otherSilo.ExecuteAsync(
            new ActorKey("counter", "match"),
            new BatchRequest([Message("increment", """{"by":1}""")], "tester", ExpectedVersion: 2),
            CancellationToken.None);

        Assert.Equal(3, result.Version);
        var stale = await Assert.ThrowsAsync<ActorException>(() => otherSilo.ExecuteAsync(
            new ActorKey("counter", "match"),
            new BatchRequest([Message("increment", """{"by":1}""")], "tester", ExpectedVersion: 2),
            CancellationToken.None));
        Assert.Equal(ActorErrorKind.PreconditionFailed, stale.Kind);
    }

    [Fact]
    public async Task Checkpoints_are_listed_exactly_in_the_shape_of_the_checkpoint_contract()
    {
        await using var harness = await CreateAsync();
        await harness.SendAsync("listed", Message("create"));
        await harness.SendAsync("listed", Message("increment", """{"by":3}"""));
        await harness.SendAsync("listed", Message("rewind", """{"version":1,"reason":"typo"}"""));

        var listed = (await harness.SendAsync("listed", Message("getCheckpoints"))).Results[0].Result;

        var sets = await harness.Store.ReadAsync(new ActorKey("counter", "listed"), 0, long.MaxValue, 10, CancellationToken.None);
        var contract = sets
            .Select(s => new Entities.Messages.CheckpointInfo(
                s.CheckpointId, Journaling.Timestamps.Format(s.Timestamp), s.Version, s.Principal, s.Operation, System.Text.Json.Nodes.JsonNode.Parse(s.Metadata), s.Reason))
            .ToList();
        var expected = System.Text.Json.JsonSerializer.SerializeToNode(contract, Serialization.MessagesJsonContext.Default.ListCheckpointInfo);
        Assert.Equal(3, contract.Count);
        Assert.Equal("typo", contract[2].Reason);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, listed), $"expected {expected?.ToJsonString()}, listed {listed?.ToJsonString()}");
    }
}
