using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.EventSourcing.Tests.Counters;

/// <summary>
/// How the counter's entries and views map to journal rows: <c>[{"type":"Counter.Added","data":{"by":5}}]</c> and
/// <c>{"value":42}</c>. A plain class, so tests can rebuild a counter with <see cref="JournalReplay"/> without a grain.
/// </summary>
public sealed class CounterFormat : IJournalFormat<CounterView, CounterEntry>
{
    /// <summary>Who the counter grain's rows are written by, to tell them from another writer's.</summary>
    public const string GrainPrincipal = "counter-grain";

    public static CounterFormat Instance { get; } = new();

    /// <summary>Applies an entry; refuses one that would take the counter below zero, as a rule the grain forgot to check.</summary>
    public static void Apply(CounterView view, CounterEntry entry)
    {
        var next = checked(view.Value + entry.By);
        if (next < 0)
        {
            throw new InvalidOperationException($"A counter never goes below zero; {view.Value} + {entry.By} would.");
        }

        view.Value = next;
    }

    /// <summary>A journal row holding <paramref name="by"/> as <paramref name="version"/> of <paramref name="actor"/>, written by <paramref name="principal"/>.</summary>
    public static MutationSetRecord Row(ActorKey actor, long version, long by, string principal) =>
        new(
            actor,
            version,
            Guid.NewGuid(),
            DateTimeOffset.UtcNow,
            principal,
            version == 1 ? "CREATE" : "UPDATE",
            """[{"type":"Counter.Added","data":{"by":""" + by.ToString(CultureInfo.InvariantCulture) + "}}]",
            "{}",
            null);

    public AppendRequest ToAppend(ActorKey actor, long version, CounterEntry entry) => new(Row(actor, version, entry.By, GrainPrincipal));

    public CounterEntry FromJournal(MutationSetRecord set) =>
        new(JsonNode.Parse(set.Events)![0]!["data"]!["by"]!.GetValue<long>());

    public string ToSnapshot(CounterView view) =>
        """{"value":""" + view.Value.ToString(CultureInfo.InvariantCulture) + "}";

    public CounterView FromSnapshot(SnapshotRecord snapshot, MutationSetRecord? snapshotSet) =>
        new() { Value = JsonNode.Parse(snapshot.State)!["value"]!.GetValue<long>() };

    public CounterView Copy(CounterView view) => new() { Value = view.Value };
}
