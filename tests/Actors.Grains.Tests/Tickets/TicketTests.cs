using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Tickets;

public abstract class TicketTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : TicketTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : TicketTests(cluster);

    /// <summary>A new ticket taken through <paramref name="states"/> (space-separated ticket states).</summary>
    private async Task<ActorKey> NewTicketAsync(string states = "")
    {
        var key = NewKey("ticket");
        var path = states.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await SendAsync(key, [Msg("create", """{"title":"Printer on fire"}"""), .. path.Select(s => Msg("setTicketState", $$"""{"ticketState":"{{s}}"}"""))]);
        return key;
    }

    [Fact]
    public async Task Create_starts_an_open_ticket_with_normal_priority()
    {
        var key = NewKey("ticket");

        await SendAsync(key, Msg("create", """{"title":"Printer on fire"}"""));

        AssertJson.Equal(
            $$"""
            {"ticketId":"{{key.Id}}","ticketState":"open","title":"Printer on fire","priority":"normal","assignee":null,
             "tags":[],"deleted":false,"version":1}
            """,
            await QueryAsync(key));
    }

    [Fact]
    public async Task Create_takes_a_priority()
    {
        var key = NewKey("ticket");

        await SendAsync(key, Msg("create", """{"title":"Outage","priority":"urgent"}"""));

        Assert.Equal("urgent", (string?)(await QueryAsync(key))["priority"]);
    }

    [Theory]
    [InlineData("""{}""", "title")]
    [InlineData("""{"title":"  "}""", "title")]
    [InlineData("""{"title":"x","priority":"critical"}""", "priority")]
    [InlineData("""{"title":"x","priority":"URGENT"}""", "priority")]
    public async Task A_malformed_ticket_is_invalid_and_names_the_field(string body, string field)
    {
        var refusal = await RefusedAsync(NewKey("ticket"), ActorErrorKind.InvalidMessage, Msg("create", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_state_may_change_freely_among_open_pending_and_solved()
    {
        var key = await NewTicketAsync();

        foreach (var state in new[] { "pending", "solved", "open", "solved", "pending", "open" })
        {
            await SendAsync(key, Msg("setTicketState", $$"""{"ticketState":"{{state}}"}"""));
            Assert.Equal(state, (string?)(await QueryAsync(key))["ticketState"]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("pending")]
    [InlineData("solved")]
    public async Task Any_ticket_can_be_closed(string before)
    {
        var key = await NewTicketAsync(before);

        await SendAsync(key, Msg("setTicketState", """{"ticketState":"closed"}"""));

        Assert.Equal("closed", (string?)(await QueryAsync(key))["ticketState"]);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("pending")]
    [InlineData("solved")]
    public async Task A_closed_ticket_is_final(string target)
    {
        var key = await NewTicketAsync("closed");

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("setTicketState", $$"""{"ticketState":"{{target}}"}"""));

        Assert.Contains("final", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "open")]
    [InlineData("solved", "solved")]
    [InlineData("closed", "closed")]
    public async Task Setting_the_ticket_state_it_already_has_is_refused(string before, string target)
    {
        var key = await NewTicketAsync(before);

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("setTicketState", $$"""{"ticketState":"{{target}}"}"""));

        Assert.Contains($"already '{target}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ticket_state_is_invalid_and_lists_the_allowed_values()
    {
        var key = await NewTicketAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setTicketState", """{"ticketState":"done"}"""));

        Assert.Contains("'ticketState' must be one of open, pending, solved, closed", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_priority_changes_the_priority()
    {
        var key = await NewTicketAsync();

        await SendAsync(key, Msg("setPriority", """{"priority":"low"}"""));

        Assert.Equal("low", (string?)(await QueryAsync(key))["priority"]);
    }

    [Theory]
    [InlineData("""{"priority":"medium"}""")]
    [InlineData("""{}""")]
    public async Task An_unknown_or_missing_priority_is_invalid(string body)
    {
        var key = await NewTicketAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setPriority", body));

        Assert.Contains("'priority'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_sets_the_assignee()
    {
        var key = await NewTicketAsync();

        await SendAsync(key, Msg("assign", """{"assignee":"grace"}"""), Msg("assign", """{"assignee":"ada"}"""));

        Assert.Equal("ada", (string?)(await QueryAsync(key))["assignee"]);
    }

    [Fact]
    public async Task Assign_without_an_assignee_is_invalid()
    {
        var key = await NewTicketAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("assign", """{"assignee":""}"""));

        Assert.Contains("'assignee'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_records_its_text_the_sender_as_author_and_the_time()
    {
        var key = await NewTicketAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await SendAsync(key, Msg("addComment", """{"text":"Have you tried turning it off?"}"""));

        var comment = (await QueryAsync(key, """{"fields":[],"navigate":[{"edge":"comments"}]}"""))["comments"]![0]!.AsObject();
        Assert.Equal(["commentId", "text", "author", "createdAt"], comment.Select(p => p.Key));
        Assert.True(Guid.TryParse((string?)comment["commentId"], out _));
        Assert.Equal("Have you tried turning it off?", (string?)comment["text"]);
        Assert.Equal("tester", (string?)comment["author"]);
        var createdAt = DateTimeOffset.Parse((string)comment["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(createdAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(Timestamps.Format(createdAt), (string?)comment["createdAt"]);
    }

    [Fact]
    public async Task Comments_keep_their_order_and_get_distinct_ids()
    {
        var key = await NewTicketAsync();

        await SendAsync(key, Msg("addComment", """{"text":"one"}"""), Msg("addComment", """{"text":"two"}"""));

        var comments = (await QueryAsync(key, """{"navigate":[{"edge":"comments","node":{"fields":["commentId","text"]}}]}"""))["comments"]!.AsArray();
        Assert.Equal(["one", "two"], comments.Select(c => (string?)c!["text"]));
        Assert.NotEqual((string?)comments[0]!["commentId"], (string?)comments[1]!["commentId"]);
    }

    [Fact]
    public async Task A_blank_comment_is_invalid()
    {
        var key = await NewTicketAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("addComment", """{"text":" "}"""));

        Assert.Contains("'text'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("addComment", """{"text":"hello?"}""")]
    [InlineData("assign", """{"assignee":"ada"}""")]
    [InlineData("setPriority", """{"priority":"high"}""")]
    public async Task A_closed_ticket_takes_no_more_changes(string type, string body)
    {
        var key = await NewTicketAsync("closed");

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg(type, body));

        Assert.Contains("'closed', which is final", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_events_replay_to_the_same_state_after_deactivation()
    {
        var key = await NewTicketAsync("pending");
        await SendAsync(
            key,
            Msg("setPriority", """{"priority":"high"}"""),
            Msg("assign", """{"assignee":"ada"}"""),
            Msg("addComment", """{"text":"On it."}"""),
            Msg("setTicketState", """{"ticketState":"solved"}"""));

        await AssertReplaysAsync(key);
    }
}
