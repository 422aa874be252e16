namespace Actors.Bench;

/// <summary>The goals of issue 5, each as a ratio to a baseline measured in the same run (or an absolute limit).</summary>
public static class Goals
{
    private const string NoGroupCommit =
        "no group commit yet: every batch is its own INSERT statement, hence its own transaction and WAL flush, into a journal that " +
        "maintains eight secondary indexes (one GIN on events) where B1's table has only its primary key; and the runtime's (S1: also " +
        "the gateway's) CPU shares 2 cores with PostgreSQL and the load generator. S2 barely beats S1, so HTTP is not the main cost. " +
        "Reaching the goal takes a store that gathers the appends of concurrent turns of different actors into one transaction and one " +
        "flush, then answers each actor (a failed set failing alone, e.g. a savepoint per set), and fewer indexes on the append path; " +
        "a dotnet-trace profile of S2 is the next step to split store from runtime CPU.";

    public static void Judge(Report report, Size size)
    {
        var b1 = report.Get("b1.tps");
        var load = $"load average {Report.Format(report.Get("machine.loadStart"))} at the start and {Report.Format(report.Get("machine.loadEnd"))} at the end of the run on {Environment.ProcessorCount} cores (other jobs shared the machine)";
        report.Baseline("B1", $"durable commit limit: pgbench one-row journal INSERT, {Baselines.Clients} clients", b1, "tx/s");
        report.Baseline("B2", $"naive history table: UPDATE + trigger into history, {Baselines.Clients} clients", report.Get("b2.tps"), "tx/s");
        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Baseline("B2", $"as-of query, {point} of {size.HistoryLength:N0} rows, p99", report.Get($"b2.asOf.{point}.p99"), "ms",
                $" (median {Report.Format(report.Get($"b2.asOf.{point}.median"))})");
        }

        var s1 = report.Get("s1.batchesPerSecond");
        report.Goal("S1", $"gateway durable writes, {size.Actors:N0} actors, {GatewayScenarios.Connections} connections (wrk)", s1, "batches/s", b1, "B1", 1.0, true,
            NoGroupCommit, $" (median {Report.Format(report.Get("s1.median"))} ms, p99 {Report.Format(report.Get("s1.p99"))} ms)");
        report.Goal("S2", $"in-process durable writes, {InProcessScenarios.Tasks} tasks", report.Get("s2.batchesPerSecond"), "batches/s", b1, "B1", 2.0, true,
            NoGroupCommit, $" (median {Report.Format(report.Get("s2.median"))} ms, p99 {Report.Format(report.Get("s2.p99"))} ms)");
        report.Goal("S3", $"gateway query reads of {GatewayScenarios.HotActors} hot actors (wrk)", report.Get("s3.batchesPerSecond"), "batches/s", s1, "S1", 5.0, true,
            $"S3 does not touch PostgreSQL (hot actors answer from memory), so it is bound by the silo's CPU per request and wrk's, sharing 2 cores ({load}). S1 is bound by commits instead. " +
            "Once group commit lifts S1 towards B1 this ratio falls further unless reads get cheaper too: it takes profiling the read path (dotnet-trace) and cutting the work per request (JSON parse of the batch, authorization, projection, answer).",
            $" (median {Report.Format(report.Get("s3.median"))} ms, p99 {Report.Format(report.Get("s3.p99"))} ms)");

        var b2Tail = $"B2's plain index seek on the same machine shows the same tail: p99 {Report.Format(report.Get("b2.asOf.oldest.p99"))} ms against a median of {Report.Format(report.Get("b2.asOf.oldest.median"))} ms";
        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Limit("S4", $"getState, {point} checkpoint of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get($"s4.getState.{point}.median"))} ms)", report.Get($"s4.getState.{point}.p99"), "ms", 5,
                $"the median is {Report.Format(report.Get($"s4.getState.{point}.median"))} ms (one snapshot seek, fewer than 64 replays, one turn) and the tail is the machine's: {load}; {b2Tail}. Nothing on this path grows with history; a quiet machine decides.");
        }

        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Limit("S4", $"preview rewind+query, {point} of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get($"s4.previewRewind.{point}.median"))} ms)", report.Get($"s4.previewRewind.{point}.p99"), "ms", 5,
                "every preview appends an audit row (the protocol audits previews, even read-only ones) in its own durable transaction (AppendAuditAsync), so each preview waits for a WAL flush like a write. " +
                "Under 5 ms p99 takes sharing that flush with other commits (the group commit S1 needs) or a cheaper durable audit path; the rewind itself is a snapshot seek plus replay as getState.");
        }

        report.Limit("S4", $"getCheckpoints, first page of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get("s4.getCheckpoints.firstPage.median"))} ms)", report.Get("s4.getCheckpoints.firstPage.p99"), "ms", 5,
            "without a limit the first page is 1,000 checkpoints (EntityActor.MaxPageSize) and each one's metadata is parsed into a JsonNode and serialized again. " +
            "A default page of 50-100 (as getHistory has) or passing the stored JSON through unparsed would bring it under 5 ms; history length itself does not matter (a key range scan).");

        report.Goal("S4", "getState oldest ÷ newest, p99", report.Get("s4.getState.oldest.p99"), "ms", report.Get("s4.getState.newest.p99"), "newest", 1.5, false,
            $"the newest checkpoint is the activation's current state, answered from memory ({Report.Format(report.Get("s4.getState.newest.median"))} ms) without touching the journal, while any older point needs a snapshot seek and replay. " +
            $"Against the middle point the oldest costs {Report.Format(report.Get("s4.getState.oldest.median") / report.Get("s4.getState.middle.median"))}× (medians), so age itself costs nothing; meeting the goal as written takes a cache of rebuilt points or a slower newest.");
        report.Goal("S4", "preview rewind oldest ÷ newest, p99", report.Get("s4.previewRewind.oldest.p99"), "ms", report.Get("s4.previewRewind.newest.p99"), "newest", 1.5, false,
            $"both are dominated by the audit commit (see above); medians are {Report.Format(report.Get("s4.previewRewind.oldest.median"))} vs {Report.Format(report.Get("s4.previewRewind.newest.median"))} ms, and the p99s are the loaded machine's tail.");

        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Goal("S4", $"getState {point} p99 vs B2 as-of query", report.Get($"s4.getState.{point}.p99"), "ms", report.Get($"b2.asOf.{point}.p99"), "B2", 1.0, false,
                $"B2 is one index seek returning a stored row; getState is a snapshot seek plus up to 63 replays and a turn of the actor. Medians {Report.Format(report.Get($"s4.getState.{point}.median"))} vs {Report.Format(report.Get($"b2.asOf.{point}.median"))} ms; " +
                "matching B2 takes snapshots more often (or a cache of rebuilt points) and a lighter read turn.");
        }

        report.Limit("S5", $"first call to a cold actor with {size.HistoryLength:N0} checkpoints, p99 (median {Report.Format(report.Get("s5.coldCall.median"))} ms)",
            report.Get("s5.coldCall.p99"), "ms", 10,
            $"activation is a snapshot seek plus the tail after it (median {Report.Format(report.Get("s5.coldCall.median"))} ms); the p99 over few samples is the loaded machine's tail ({load}).");
        report.Limit("S6", $"framework overhead per activation, {report.Get("s6.activations"):N0} idle actors " +
            $"(heap {Report.Format(report.Get("s6.heapPerActivation"))} B − state {Report.Format(report.Get("s6.stateObjectBytes"))} B as objects; {Report.Format(report.Get("s6.stateJsonBytes"))} B as JSON)",
            report.Get("s6.overheadPerActivation"), "bytes", 2048,
            "each activation keeps more than its state: the actor object, its mailbox (SemaphoreSlim), the dictionary entry and whatever the base class caches; trimming needs a heap dump (dotnet-gcdump) to see which.");
        report.Goal("S7", $"append p50 with {size.GrowthLarge:N0} sets vs {size.GrowthSmall:N0}", report.Get("s7.large.append.median"), "ms", report.Get("s7.small.append.median"),
            $"p50 at {size.GrowthSmall:N0}", 1.5, false,
            "appends slow down as the journal grows: the eight secondary indexes (one GIN) each take an insert, and their working set outgrows shared_buffers; fewer indexes or partitioning the journal by actor would bound it.",
            $" (p99 {Report.Format(report.Get("s7.large.append.p99"))} vs {Report.Format(report.Get("s7.small.append.p99"))} ms)");
    }
}
