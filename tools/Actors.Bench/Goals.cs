namespace Actors.Bench;

/// <summary>The goals of issue 5, each as a ratio to a baseline measured in the same run (or an absolute limit).</summary>
public static class Goals
{
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

        var cpuBound =
            $"group commit is in: concurrent appends share one statement and one WAL flush (S2 averaged {Report.Format(report.Get("s2.meanGroupSize"))} sets per commit), " +
            "so the limit is CPU, and 2 cores are shared by PostgreSQL, the server and (S1) wrk. scripts/profile.sh s1 (docs/benchmarks.md, issue 14's second pass): the silo's " +
            $"thread pool 41% of the machine, PostgreSQL 31%, wrk 7%; the silo spends {Report.Format(report.Get("s8.silos1.siloCpuPerBatch"))} µs of CPU per batch (S8's one-silo line) spread over Kestrel, authentication, " +
            "Orleans' call path, the turn, JSON and Npgsql with no frame of its own above 1% once the per-request body buffer and the reflective grain lookup were removed; " +
            "PostgreSQL's share is the journal's row with seven indexes (b-tree compares lead its profile; B1's table has only its primary key). " +
            $"B1 is pgbench's C client doing one single-index INSERT per transaction, {Report.Format(Environment.ProcessorCount * 1e6 / b1)} µs of the whole machine per row: at 1 × B1 a whole batch " +
            "(HTTP, authorization, the turn, the append and its indexes) would have to cost less than the silo's share of it alone does now. Closing more of the gap takes " +
            $"fewer indexes still on the append path, a request path without layers (ASP.NET Core's pipeline, Orleans' messaging), and PostgreSQL on cores of its own ({load}).";

        var s1 = report.Get("s1.batchesPerSecond");
        report.Goal("S1", $"gateway durable writes on a fresh database, {size.Actors:N0} actors, {GatewayScenarios.Connections} connections (wrk)", s1, "batches/s", b1, "B1", 1.0, true,
            cpuBound, $" (median {Report.Format(report.Get("s1.median"))} ms, p99 {Report.Format(report.Get("s1.p99"))} ms)");
        report.Goal("S2", $"in-process durable writes, {InProcessScenarios.Tasks} tasks", report.Get("s2.batchesPerSecond"), "batches/s", b1, "B1", 2.0, true,
            cpuBound, $" (median {Report.Format(report.Get("s2.median"))} ms, p99 {Report.Format(report.Get("s2.p99"))} ms)");
        report.Goal("S3", $"gateway query reads of {GatewayScenarios.HotActors} hot actors (wrk)", report.Get("s3.batchesPerSecond"), "batches/s", s1, "S1", 5.0, true,
            "a read is an HTTP request, the gateway's parsing and masking, and a grain call answered from the activation's memory (no journal round trip), " +
            $"on 2 cores shared with wrk and PostgreSQL ({load}); 5 × S1 asks reads to be five times cheaper than a durable write including its group commit.",
            $" (median {Report.Format(report.Get("s3.median"))} ms, p99 {Report.Format(report.Get("s3.p99"))} ms)");

        var steady = report.Get("s1steady.batchesPerSecond");
        report.Figure("s1.ratioToB1", s1 / b1, "× B1");
        report.Figure("s1steady.ratioToB1", steady / b1, "× B1");
        report.Goal("S1", $"gateway durable writes at steady state, {size.Actors:N0} actors at version {size.SteadyVersions} (past their first snapshots; journal {Report.Format(report.Get("s1steady.journalRows"))} sets, analyzed)",
            steady, "batches/s", b1, "B1", 1.0, true, cpuBound,
            $" (median {Report.Format(report.Get("s1steady.median"))} ms, p99 {Report.Format(report.Get("s1steady.p99"))} ms; {Report.Format(steady / s1)} × S1 on a fresh database)");

        var readmeS1 = report.Get("readme.s1.batchesPerSecond");
        var readmeS3 = report.Get("readme.s3.batchesPerSecond");
        report.Figure("readme.s1.ratioToB1", readmeS1 / b1, "× B1");
        report.Figure("readme.s3.ratioToS1", readmeS3 / readmeS1, "× S1 (README)");
        report.Goal("S1", "gateway durable writes against the silo started as the README says (SQLite journal, development tokens)", readmeS1, "batches/s", b1, "B1", 1.0, true,
            "the README's silo journals to SQLite, one file with one writer: every commit is that file's fsync, and group commit is what makes many appends share one; " +
            "B1 is PostgreSQL's insert rate, so this ratio compares the embedded store with the server's, on the same 2 shared cores.",
            $" (median {Report.Format(report.Get("readme.s1.median"))} ms, p99 {Report.Format(report.Get("readme.s1.p99"))} ms)");
        report.Goal("S3", "gateway query reads against the README silo", readmeS3, "batches/s", readmeS1, "S1 (README)", 5.0, true,
            "as S3: a read is an HTTP request and a grain call answered from memory, on the cores wrk and the silo share.",
            $" (median {Report.Format(report.Get("readme.s3.median"))} ms, p99 {Report.Format(report.Get("readme.s3.p99"))} ms)");

        foreach (var point in new[] { "oldest", "newest" })
        {
            report.Limit("S4", $"getState through the gateway (wrk, one connection), {point} of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get($"s4gw.getState.{point}.median"))} ms)",
                report.Get($"s4gw.getState.{point}.p99"), "ms", 5,
                $"the in-process figure plus an HTTP request parsed, authorized and answered on a loaded machine ({load}).");
        }

        report.Goal("S4", "getState through the gateway oldest ÷ newest, p99", report.Get("s4gw.getState.oldest.p99"), "ms", report.Get("s4gw.getState.newest.p99"), "newest", 1.5, false,
            "as in process: the newest point is the activation's state in memory, the oldest is a snapshot read and a replay from the journal.");

        var b2Tail = $"B2's plain index seek on the same machine shows the same tail: p99 {Report.Format(report.Get("b2.asOf.oldest.p99"))} ms against a median of {Report.Format(report.Get("b2.asOf.oldest.median"))} ms";
        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Limit("S4", $"getState, {point} checkpoint of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get($"s4.getState.{point}.median"))} ms)", report.Get($"s4.getState.{point}.p99"), "ms", 5,
                $"the median is {Report.Format(report.Get($"s4.getState.{point}.median"))} ms (one query for the snapshot and the sets after it, fewer than 64 replays, one turn) and the tail is the machine's: {load}; {b2Tail}. Nothing on this path grows with history.");
        }

        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Limit("S4", $"preview rewind+query, {point} of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get($"s4.previewRewind.{point}.median"))} ms)", report.Get($"s4.previewRewind.{point}.p99"), "ms", 5,
                "every preview commits its audit entry durably before it answers (the protocol audits previews, and auditors rely on the log); concurrent previews share one commit " +
                "(group commit), but S4's calls come one at a time, so each waits for a WAL flush of its own and the p99 is this disk's flush tail. The rewind itself costs what getState does.");
        }

        report.Limit("S4", $"getCheckpoints, first page of {size.HistoryLength:N0}, p99 (median {Report.Format(report.Get("s4.getCheckpoints.firstPage.median"))} ms)", report.Get("s4.getCheckpoints.firstPage.p99"), "ms", 5,
            $"without a limit the first page is 1,000 checkpoints (the protocol's `{{}}`, README): 1,000 rows read and 1,000 metadata documents parsed into the answer, about " +
            $"{Report.Format(report.Get("s4.getCheckpoints.firstPage.median"))} µs each (the page's milliseconds over 1,000 entries). The cost is per entry, not per history length (a key range scan); a smaller default page " +
            "would meet the limit but would change what `{}` returns to users, so `{\"limit\": 100}` is the way to ask for less.");

        report.Goal("S4", "getState oldest ÷ newest, p99", report.Get("s4.getState.oldest.p99"), "ms", report.Get("s4.getState.newest.p99"), "newest", 1.5, false,
            $"the newest checkpoint is the activation's current state, answered from memory ({Report.Format(report.Get("s4.getState.newest.median"))} ms) without touching the journal, while any older point is read from it. " +
            "Against the newest point the journal serves (the next line) age costs nothing; meeting the goal as written would take a cache of rebuilt past states or a slower newest.");
        report.Goal("S4", $"getState oldest ÷ newest read from the journal (version {size.HistoryLength - 1:N0}), p99", report.Get("s4.getState.oldest.p99"), "ms", report.Get("s4.getState.previous.p99"), "that point", 1.5, false,
            $"both are one query and fewer than 64 replays (medians {Report.Format(report.Get("s4.getState.oldest.median"))} vs {Report.Format(report.Get("s4.getState.previous.median"))} ms); the p99s are the loaded machine's tail ({load}).");
        report.Goal("S4", "preview rewind oldest ÷ newest, p99", report.Get("s4.previewRewind.oldest.p99"), "ms", report.Get("s4.previewRewind.newest.p99"), "newest", 1.5, false,
            $"each preview waits for the WAL flush of its own audit entry (S4's calls come one at a time, so no group shares it); medians are {Report.Format(report.Get("s4.previewRewind.oldest.median"))} vs {Report.Format(report.Get("s4.previewRewind.newest.median"))} ms, and the p99s are this disk's flush tail.");

        foreach (var point in new[] { "oldest", "middle", "newest" })
        {
            report.Goal("S4", $"getState {point} p99 vs B2 as-of query", report.Get($"s4.getState.{point}.p99"), "ms", report.Get($"b2.asOf.{point}.p99"), "B2", 1.0, false,
                $"B2 is one index seek returning a stored row; getState is one query (a snapshot and up to 63 sets), their replay and a turn of the actor. Medians {Report.Format(report.Get($"s4.getState.{point}.median"))} vs {Report.Format(report.Get($"b2.asOf.{point}.median"))} ms; " +
                "matching B2 takes snapshots more often (or a cache of rebuilt points) and a lighter read turn.");
        }

        report.Limit("S5", $"first call to a cold actor with {size.HistoryLength:N0} checkpoints, p99 (median {Report.Format(report.Get("s5.coldCall.median"))} ms)",
            report.Get("s5.coldCall.p99"), "ms", 10,
            $"activation is one query for the snapshot and the tail after it (median {Report.Format(report.Get("s5.coldCall.median"))} ms); the p99 over few samples is the loaded machine's tail ({load}).");
        report.Limit("S6", $"framework overhead per activation, {report.Get("s6.activations"):N0} idle actors " +
            $"(heap {Report.Format(report.Get("s6.heapPerActivation"))} B − state {Report.Format(report.Get("s6.stateObjectBytes"))} B as objects; {Report.Format(report.Get("s6.stateJsonBytes"))} B as JSON)",
            report.Get("s6.overheadPerActivation"), "bytes", 2048,
            "a heap dump (dotnet-gcdump, docs/benchmarks.md) of 5,224 activated actors puts about 1,600 B of each in Orleans' own objects (activation data, message loop, work " +
            "queue, pending-request table, lifecycle subject and observers, grain directory entry and cache item, collector registration) and about 800 B in the collections " +
            "and tasks that hold them, against about 200 B of this project's (the grain and its log view adaptor) besides the state: Orleans alone is over 2,048 B, " +
            "so meeting the limit means fewer activations (idle actors collected sooner), not a leaner grain.");
        report.Goal("S7", $"append p50 with {size.GrowthLarge:N0} sets vs {size.GrowthSmall:N0}", report.Get("s7.large.append.median"), "ms", report.Get("s7.small.append.median"),
            $"p50 at {size.GrowthSmall:N0}", 1.5, false,
            "appends slow down as the journal grows: each secondary index (six since migration 008) takes an insert, and their working set outgrows shared_buffers; fewer indexes or partitioning the journal by actor would bound it.",
            $" (p99 {Report.Format(report.Get("s7.large.append.p99"))} vs {Report.Format(report.Get("s7.small.append.p99"))} ms)");

        var one = report.Get("s8.silos1.batchesPerSecond");
        if (double.IsNaN(one))
        {
            return;
        }

        foreach (var count in ClusterScenario.SiloCounts)
        {
            var key = $"s8.silos{count}";
            var what = $"S1's load through {count} silo process{(count == 1 ? string.Empty : "es")} on one database ({size.Actors:N0} actors, wrk over {count} HTTP port{(count == 1 ? string.Empty : "s")})";
            var extra = $" (median {Report.Format(report.Get(key + ".median"))} ms, p99 {Report.Format(report.Get(key + ".p99"))} ms; machine {Report.Format(report.Get(key + ".machineBusy"))}% busy; " +
                $"silo CPU {Report.Format(report.Get(key + ".siloCpuPerBatch"))} µs and {Report.Format(report.Get(key + ".transactionsPerBatch"))} PostgreSQL transactions per batch; " +
                $"after {Report.Format(report.Get(key + ".warmUp"))} s of warm-up)";
            if (count == 1)
            {
                report.Baseline("S8", what, one, "batches/s", extra);
            }
            else
            {
                report.Reported("S8", what, report.Get(key + ".batchesPerSecond"), "batches/s", one, "1 silo", extra);
            }
        }

        report.Note($"S8 runs every silo, wrk and PostgreSQL on the same {Environment.ProcessorCount} cores: a second silo adds no CPU, only a process to share it with and " +
            "a hop for each request whose actor lives on another silo. It shows what a cluster costs on one machine, not how it scales on several (docs/benchmarks.md).");
    }
}
