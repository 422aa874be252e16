using Actors.Torture;
using Actors.Torture.Scenarios;
using Xunit.Abstractions;

namespace Actors.Reliability.Tests;

/// <summary>
/// The CI size of every scenario scripts/reliability.sh runs (the same code, smaller): real silo processes over real HTTP,
/// SQLite files and databases on the PostgreSQL named by ACTORS_TEST_POSTGRES. Each test prints its counts.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ScenarioTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public Task Sigkill_under_load_loses_no_acknowledged_batch_and_applies_none_twice(string store) =>
        RunAsync(token => CrashScenario.RunAsync(store, Size.Ci, Log, token));

    [Fact]
    public Task A_postgres_outage_answers_503_with_retry_after_and_recovers_by_itself() =>
        RunAsync(token => OutageScenario.RunAsync(Size.Ci, Log, token));

    [Fact]
    public Task Two_silos_on_one_database_lose_no_update_and_read_every_acknowledged_write() =>
        RunAsync(token => TwoSilosScenario.RunAsync(Size.Ci, Log, token));

    [Fact]
    public Task Three_silos_on_one_database_lose_nothing_when_one_is_killed_and_another_stopped_under_load() =>
        RunAsync(token => ClusterScenario.RunAsync(Size.Ci, Log, token));

    /// <remarks>The hostile requests are refused before they reach a store; scripts/reliability.sh runs them on PostgreSQL too.</remarks>
    [Fact]
    public Task Ten_thousand_hostile_requests_get_4xx_problems_and_change_nothing() =>
        RunAsync(token => HostileInputScenario.RunAsync("sqlite", Size.Ci, Log, token));

    [Fact]
    public Task The_permission_matrix_holds_and_no_token_or_card_number_leaks() =>
        RunAsync(token => PermissionScenario.RunAsync("sqlite", Size.Ci, Log, token));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public Task Idempotency_keys_apply_once_and_if_match_races_have_one_winner(string store) =>
        RunAsync(token => IdempotencyScenario.RunAsync(store, Size.Ci, Log, token));

    private TextWriter Log => new OutputWriter(output);

    private static async Task RunAsync(Func<CancellationToken, Task<Report>> scenario)
    {
        using var limit = new CancellationTokenSource(Limit);
        var report = await scenario(limit.Token);
        Assert.True(report.Passed, report.ToString());
    }

    private sealed class OutputWriter(ITestOutputHelper output) : StringWriter
    {
        public override void WriteLine(string? value) => output.WriteLine(value ?? string.Empty);
    }
}
