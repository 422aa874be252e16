using System.Text.Json.Nodes;
using Actors.Cli;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client.Tests;

/// <summary>The <c>actors</c> tool, run through its entry point in this process against a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class CommandLineTests(SiloFixture fixture)
{
    private sealed record Run(int ExitCode, string Output, string Error)
    {
        public JsonNode? Json => JsonNode.Parse(Output);
    }

    private async Task<Run> ActorsAsync(string token, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string?> { [CommandLine.TokenVariable] = token };
        var code = await CommandLine.RunAsync(["--url", fixture.BaseAddress.ToString(), .. args], output, error, name => environment.GetValueOrDefault(name), CancellationToken.None);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>What the <c>[suggest]</c> directive (dotnet-suggest's way in) answers; a directive comes first.</summary>
    private static async Task<string> SuggestAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(args, output, error, _ => null, CancellationToken.None));
        return output.ToString();
    }

    private Task<Run> AdminAsync(params string[] args) => ActorsAsync(TestPrincipal.Admin.Token, args);

    /// <summary>An order with versions 1 (created, one line) and 2 (tag vip).</summary>
    private async Task<string> OrderAsync()
    {
        await using var client = fixture.Client(TestPrincipal.Admin);
        var order = client.GetActor<IOrderActor>($"ord-{Guid.NewGuid():N}");
        await order.Batch().Create(new CreateOrder("1001", "SEK", null)).AddOrderLine(new AddOrderLine("l1", "TSHIRT", 2, 199m)).SendAsync();
        await order.Batch().AddTag("vip").SendAsync();
        return order.Key.Id;
    }

    [Fact]
    public async Task Checkpoints_json_lists_every_checkpoint_and_pages_with_progress()
    {
        var id = await OrderAsync();
        await using (var client = fixture.Client(TestPrincipal.Admin))
        {
            await client.GetActor<IOrderActor>(id).SendAsync(ActorCommand.AddTag("more"));
        }

        var run = await AdminAsync("checkpoints", "order", id, "--json", "--page-size", "2");

        Assert.Equal(0, run.ExitCode);
        var checkpoints = run.Json!.AsArray();
        Assert.Equal([1L, 2, 3], checkpoints.Select(c => (long)c!["version"]!));
        Assert.Equal("CREATE", (string?)checkpoints[0]!["operation"]);
        Assert.Equal("""[{"type":"addTag","key":"vip"}]""", checkpoints[1]!["metadata"]!["commands"]!.ToJsonString());
        Assert.Contains("fetched 2 checkpoints...", run.Error, StringComparison.Ordinal);
        Assert.Contains("fetched 3 checkpoints.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_for_people_is_an_aligned_table()
    {
        var id = await OrderAsync();

        var run = await AdminAsync("checkpoints", "order", id);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("VERSION  CHECKPOINT", lines[0], StringComparison.Ordinal);
        var column = lines[0].IndexOf("OPERATION", StringComparison.Ordinal);
        Assert.Equal("CREATE", lines[1][column..].Split(' ')[0]);
        Assert.Equal("UPDATE", lines[2][column..].Split(' ')[0]);
        Assert.Contains("create, addOrderLine", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_reads_now_or_at_a_version_checkpoint_or_time()
    {
        var id = await OrderAsync();
        var first = (await AdminAsync("checkpoints", "order", id, "--json")).Json!.AsArray()[0]!;

        var now = await AdminAsync("state", "order", id, "--json");
        var atVersion = await AdminAsync("state", "order", id, "--version", "1", "--json");
        var atCheckpoint = await AdminAsync("state", "order", id, "--checkpoint", (string)first["checkpointId"]!, "--json");
        var asOf = await AdminAsync("state", "order", id, "--as-of", (string)first["timestamp"]!, "--json");
        var before = await AdminAsync("state", "order", id, "--version", "0", "--json");
        var table = await AdminAsync("state", "order", id);

        Assert.Equal("""["vip"]""", now.Json!["tags"]!.ToJsonString());
        Assert.Equal("[]", atVersion.Json!["tags"]!.ToJsonString());
        Assert.Equal(atVersion.Output, atCheckpoint.Output);
        Assert.Equal(atVersion.Output, asOf.Output);
        Assert.Equal("null", before.Output.Trim());
        var rows = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var valueColumn = rows[0].IndexOf("VALUE", StringComparison.Ordinal);
        Assert.Equal("open", rows.Single(r => r.StartsWith("orderState ", StringComparison.Ordinal))[valueColumn..]);
    }

    [Fact]
    public async Task Diff_shows_what_changed_between_two_points()
    {
        var id = await OrderAsync();

        var json = await AdminAsync("diff", "order", id, "--from", "1", "--to", "2", "--json");
        var table = await AdminAsync("diff", "order", id, "--from", "1", "--to", "2");

        Assert.Equal("""{"added":{},"changed":{"tags":{"from":[],"to":["vip"]}},"removed":{}}""", json.Output.Trim());
        Assert.Contains("tags   changed  []    [\"vip\"]", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_shows_the_rewound_state_and_changes_nothing()
    {
        var id = await OrderAsync();

        var run = await ActorsAsync(TestPrincipal.Support.Token, "preview", "order", id, "--version", "1", "--json");
        var after = await AdminAsync("checkpoints", "order", id, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]", run.Json!["state"]!["tags"]!.ToJsonString());
        Assert.Equal(1, (long)run.Json["rewind"]!["checkpointsAffected"]!);
        Assert.Equal(2, after.Json!.AsArray().Count);
    }

    [Fact]
    public async Task Rewind_records_its_reason_and_follows_the_servers_rule_without_one()
    {
        var id = await OrderAsync();

        var run = await AdminAsync("rewind", "order", id, "--version", "1", "--reason", "tag added by mistake", "--json");
        var withoutReason = await AdminAsync("rewind", "order", id, "--version", "1", "--json");
        var checkpoints = (await AdminAsync("checkpoints", "order", id, "--json")).Json!.AsArray();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, (long)run.Json!["version"]!);
        Assert.Equal(("REWIND", "tag added by mistake"), ((string?)checkpoints[2]!["operation"], (string?)checkpoints[2]!["reason"]));
        // The protocol's one rule: a reason is optional unless the server sets Actors:History:RequireReason.
        Assert.Equal(0, withoutReason.ExitCode);
        Assert.Equal(4, (long)withoutReason.Json!["version"]!);
        Assert.Equal(("REWIND", null), ((string?)checkpoints[3]!["operation"], (string?)checkpoints[3]!["reason"]));
    }

    [Fact]
    public async Task Refusals_print_the_problem_detail_and_exit_1()
    {
        var id = await OrderAsync();

        var missing = await AdminAsync("state", "order", $"never-{Guid.NewGuid():N}", "--json");
        var forbidden = await ActorsAsync(TestPrincipal.Support.Token, "rewind", "order", id, "--version", "1", "--reason", "no");
        var stale = await AdminAsync("rewind", "order", id, "--version", "1", "--reason", "r", "--expected-version", "1");

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal(404, (int)JsonNode.Parse(missing.Error)!["status"]!);
        Assert.Equal(1, forbidden.ExitCode);
        Assert.StartsWith("actors: 403 The token lacks a permission:", forbidden.Error, StringComparison.Ordinal);
        Assert.Contains("permission: actors/order:rewind", forbidden.Error, StringComparison.Ordinal);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("412", stale.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_prints_one_line_per_mutation_set_from_a_version()
    {
        var id = await OrderAsync();

        var json = await AdminAsync("replay", "order", id, "--json");
        var text = await AdminAsync("replay", "order", id);
        var fromTwo = await AdminAsync("replay", "order", id, "--from-version", "2", "--json");

        var lines = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([1L, 2], lines.Select(l => (long)l["version"]!));
        Assert.Equal("Order.TagAdded", (string?)lines[1]["events"]![0]!["type"]);
        Assert.Contains("addTag {\"key\":\"vip\"}", text.Output, StringComparison.Ordinal);
        Assert.Equal([2L], fromTwo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (long)JsonNode.Parse(l)!["version"]!));
    }

    [Fact]
    public async Task Replay_follow_streams_new_mutation_sets_as_json_lines_until_cancelled()
    {
        var id = await OrderAsync();
        var output = new LineWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var environment = new Dictionary<string, string?> { [CommandLine.TokenVariable] = TestPrincipal.Admin.Token };

        var run = CommandLine.RunAsync(
            ["--url", fixture.BaseAddress.ToString(), "replay", "order", id, "--follow", "--json"], output, error, name => environment.GetValueOrDefault(name), stop.Token);
        var seen = new List<long>();
        while (seen.Count < 2)
        {
            seen.Add((long)JsonNode.Parse(await output.Lines.Reader.ReadAsync(stop.Token))!["version"]!);
        }

        await using (var client = fixture.Client(TestPrincipal.Admin))
        {
            await client.GetActor<IOrderActor>(id).SendAsync(ActorCommand.AddTag("later"));
        }

        var later = JsonNode.Parse(await output.Lines.Reader.ReadAsync(stop.Token))!;
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal([1L, 2], seen);
        Assert.Equal((3L, "UPDATE"), ((long)later["version"]!, (string?)later["operation"]));
    }

    [Fact]
    public async Task History_lists_the_old_and_new_values_of_every_checkpoint()
    {
        var id = await OrderAsync();

        var json = await AdminAsync("history", "order", id, "--json", "--page-size", "1");
        var limited = await AdminAsync("history", "order", id, "--json", "--offset", "1", "--limit", "1");
        var table = await AdminAsync("history", "order", id);

        Assert.Equal(0, json.ExitCode);
        var entries = json.Json!.AsArray();
        Assert.Equal([1L, 2], entries.Select(e => (long)e!["version"]!));
        Assert.Null(entries[0]!["oldValue"]);
        Assert.Equal("""{"tags":["vip"]}""", entries[1]!["newValue"]!.ToJsonString());
        Assert.Equal([2L], limited.Json!.AsArray().Select(e => (long)e!["version"]!));
        var rows = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("VERSION  TIMESTAMP", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("2 ", StringComparison.Ordinal) && r.Contains("UPDATE", StringComparison.Ordinal) && r.Contains(" tags ", StringComparison.Ordinal) && r.EndsWith("[\"vip\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong()
    {
        var noToken = await ActorsAsync(string.Empty, "state", "order", "o1");
        var unknownOption = await AdminAsync("state", "order", "o1", "--colour", "red");
        var unknownCommand = await AdminAsync("explode", "order", "o1");
        var twoPoints = await AdminAsync("state", "order", "o1", "--version", "1", "--as-of", "2025-01-01T00:00:00Z");
        var help = await AdminAsync("--help");

        Assert.Equal((2, 2, 2, 2, 0), (noToken.ExitCode, unknownOption.ExitCode, unknownCommand.ExitCode, twoPoints.ExitCode, help.ExitCode));
        Assert.Contains(CommandLine.TokenVariable, noToken.Error, StringComparison.Ordinal);
        Assert.Contains("--colour", unknownOption.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        Assert.Contains("[command] [options]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help_and_the_suggest_directive_completes_commands_types_and_options()
    {
        var rewindHelp = await AdminAsync("rewind", "--help");
        var commands = await SuggestAsync("[suggest]", "his");
        var types = await SuggestAsync("[suggest:14]", "actors state o");
        var nothing = await ActorsAsync(TestPrincipal.Admin.Token);

        Assert.Equal(0, rewindHelp.ExitCode);
        Assert.Contains("rewind <type> <id> [options]", rewindHelp.Output, StringComparison.Ordinal);
        Assert.Contains("--reason <TEXT>", rewindHelp.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(REQUIRED)", rewindHelp.Output, StringComparison.Ordinal);
        Assert.Contains("--url <URL>", rewindHelp.Output, StringComparison.Ordinal);
        Assert.Equal(["history"], commands.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("order", types.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("actors --help", nothing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_prints_the_edges_state_prints_and_the_version_the_rewind_would_make()
    {
        var id = await OrderAsync();

        var state = await AdminAsync("state", "order", id, "--version", "1");
        var now = await AdminAsync("state", "order", id, "--json");
        var preview = await AdminAsync("preview", "order", id, "--version", "1");
        var previewJson = await AdminAsync("preview", "order", id, "--version", "1", "--json");

        var stateRows = state.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var previewLines = preview.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(stateRows, r => r.StartsWith("lines ", StringComparison.Ordinal) && r.Contains("TSHIRT", StringComparison.Ordinal));
        Assert.NotNull(now.Json!["lines"]);
        Assert.Contains(previewLines, r => r.StartsWith("lines ", StringComparison.Ordinal) && r.Contains("TSHIRT", StringComparison.Ordinal));
        Assert.Contains("to version 1", previewLines[0], StringComparison.Ordinal);
        Assert.Contains("it would make version 3", previewLines[0], StringComparison.Ordinal);
        Assert.Contains(previewLines, r => r.StartsWith("version ", StringComparison.Ordinal) && r.TrimEnd().EndsWith(" 3", StringComparison.Ordinal));
        Assert.Equal(
            stateRows.Where(r => !r.StartsWith("version ", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            previewLines.Skip(1).Where(r => !r.StartsWith("version ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(3, (long)previewJson.Json!["rewind"]!["version"]!);
        Assert.Equal(3, (long)previewJson.Json["state"]!["version"]!);
        Assert.Equal(1, (await AdminAsync("checkpoints", "order", id, "--json")).Json!.AsArray().Count - 1);
    }

    [Fact]
    public async Task History_shows_each_reason_and_a_rewinds_target()
    {
        var id = await OrderAsync();
        await AdminAsync("rewind", "order", id, "--version", "1", "--reason", "tag added by mistake");

        var table = await AdminAsync("history", "order", id);
        var json = await AdminAsync("history", "order", id, "--json");
        var checkpoints = await AdminAsync("checkpoints", "order", id);

        var rows = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("VERSION  TIMESTAMP", rows[0], StringComparison.Ordinal);
        Assert.Contains("REASON", rows[0], StringComparison.Ordinal);
        var rewind = Assert.Single(rows, r => r.StartsWith("3 ", StringComparison.Ordinal));
        Assert.Contains("REWIND to v1", rewind, StringComparison.Ordinal);
        Assert.Contains("tag added by mistake", rewind, StringComparison.Ordinal);
        var entry = json.Json!.AsArray()[2]!;
        Assert.Equal("tag added by mistake", (string?)entry["reason"]);
        Assert.Equal(1, (long)entry["rewind"]!["version"]!);
        Assert.Contains(checkpoints.Output.Split('\n'), r => r.StartsWith("3 ", StringComparison.Ordinal) && r.Contains("REWIND to v1", StringComparison.Ordinal));
    }
}
