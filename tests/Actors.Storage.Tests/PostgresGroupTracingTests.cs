using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;

namespace Actors.Storage.Tests;

/// <summary>
/// Group commit keeps every append in its caller's trace: a set written alone by a statement under the caller's span, a
/// set written in a group by a statement under the group's span, which links to the caller's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupTracingTests(PostgresDatabaseFixture fixture) : IDisposable
{
    private const string CallerSourceName = "Actors.Storage.Tests.Callers";

    private readonly ActivitySource _callers = new(CallerSourceName);
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ActivityListener _listener = new();

    public void Dispose()
    {
        _listener.Dispose();
        _callers.Dispose();
    }

    [Fact]
    public async Task Every_append_is_traced_to_the_statement_that_wrote_it_alone_or_in_a_group()
    {
        _listener.ShouldListenTo = source => source.Name is "Actors" or "Npgsql" or CallerSourceName;
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;

        // Taken as they start: a group's span may end after its callers were answered.
        _listener.ActivityStarted = _started.Enqueue;
        ActivitySource.AddActivityListener(_listener);

        // Created inside a span, as a silo may create it while starting: the group loops must not take it as their parent.
        PostgresJournalStore store;
        Activity startup;
        using (startup = _callers.StartActivity("startup")!)
        {
            // One writer, so that whatever arrives while it commits goes into its next group.
            store = new PostgresJournalStore(fixture.DataSource, new PostgresJournalOptions { GroupConnections = 1 });
        }

        await using (store)
        {
            var callers = await Task.WhenAll(Enumerable.Range(0, 120).Select(async _ =>
            {
                using var caller = _callers.StartActivity("append")!;
                await store.AppendAsync(new AppendRequest(Set(new ActorKey("order", $"t-{Guid.NewGuid():N}"))), CancellationToken.None);
                return caller;
            }));

            var traces = callers.Select(c => c.TraceId).ToHashSet();
            var spans = _started.Where(s => traces.Contains(s.TraceId) || s.TraceId == startup.TraceId).ToList();
            var statements = spans.Where(s => s.Source.Name == "Npgsql").ToList();
            var groups = spans.Where(s => s.OperationName == "actors.journal.group").ToList();
            Assert.NotEmpty(groups);
            Assert.DoesNotContain(statements, s => s.TraceId == startup.TraceId);
            foreach (var caller in callers)
            {
                var alone = statements.Any(s => s.ParentSpanId == caller.SpanId);
                var group = groups.SingleOrDefault(g => g.Links.Any(l => l.Context.SpanId == caller.SpanId));
                Assert.True(alone || group is not null, "every append is traced to a statement or a group");
                if (group is not null)
                {
                    Assert.Contains(statements, s => s.ParentSpanId == group.SpanId);
                }
            }

            Assert.All(groups, group =>
            {
                Assert.Equal(group.Links.First().Context.SpanId, group.ParentSpanId);
                Assert.Equal("append", group.GetTagItem("kind"));
                Assert.Equal(group.Links.Count(), group.GetTagItem("group.size"));
            });
        }
    }

    private static MutationSetRecord Set(ActorKey actor) => new(
        actor, 1, Guid.NewGuid(), DateTimeOffset.UtcNow, "alice", "CREATE",
        """[{"type":"Order.TagAdded","data":{"tag":"x"}}]""", """{"commands":[{"type":"addTag"}]}""", null);
}
