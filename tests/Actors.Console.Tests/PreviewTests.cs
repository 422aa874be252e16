using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Actors.Console.Tests;

/// <summary>Support staff with a preview-only token look back in time and cannot change anything.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PreviewTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task Preview_only_token_scrubs_the_timeline_with_arrow_keys_and_sees_old_states_and_diffs()
    {
        var id = ActorIds.New("ord-1001");
        await SeedOrderAsync(id);
        await using var console = await ConsolePage.OpenAsync(browser, silo, height: 1080);
        await console.SignInAsync(ConsoleTokens.Support);
        await Expect(console.Page.Locator("#principal")).ToHaveTextAsync("sam.support");
        await Expect(console.Page.Locator("#permissions-table tr[data-type='order'] td.yes")).ToHaveCountAsync(2);

        await console.OpenActorAsync("order", id, expectedCheckpoints: 4);
        await Expect(console.Checkpoint(1)).ToContainTextAsync("CREATE");
        await Expect(console.Checkpoint(1)).ToContainTextAsync("addOrderLine orderLineId=l1 sku=TSHIRT quantity=2 unitPrice=199");
        await Expect(console.Checkpoint(1)).ToContainTextAsync("alice.admin");
        await Expect(console.Checkpoint(4)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(console.Field("orderState").Locator("td.now")).ToHaveTextAsync("confirmed");
        await Expect(console.Field("total").Locator("td.now")).ToHaveTextAsync("697");
        await Expect(console.Field("deliveries").Locator("td.now")).ToContainTextAsync("shipped");

        await console.Page.Locator("#timeline").FocusAsync();
        await console.PressAsync("ArrowUp", expectedVersion: 3);
        await Expect(console.Checkpoint(3)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(console.Field("orderState").Locator("td.then")).ToHaveTextAsync("open");
        await Expect(console.Field("orderState")).ToHaveClassAsync(new Regex("changed"));
        await Expect(console.Field("total")).Not.ToHaveClassAsync(new Regex("changed"));

        await console.PressAsync("ArrowLeft", expectedVersion: 2);
        await console.PressAsync("ArrowUp", expectedVersion: 1);
        await Expect(console.Field("total").Locator("td.then")).ToHaveTextAsync("398");
        await Expect(console.Field("total").Locator("td.now")).ToHaveTextAsync("697");
        await Expect(console.Field("total")).ToHaveClassAsync(new Regex("changed"));
        await Expect(console.Field("tags").Locator("td.then")).ToHaveTextAsync("none");
        await Expect(console.Field("currency")).Not.ToHaveClassAsync(new Regex("changed"));
        await Expect(console.Page.Locator("#diff-list li[data-path='total']")).ToContainTextAsync("398");
        await Expect(console.Page.Locator("#diff-list li[data-path='lines[l2]']")).ToContainTextAsync("added");
        await Expect(console.Page.Locator("#diff-list li[data-path='lines[l2]'] dl")).ToContainTextAsync("skuMUG");
        await Expect(console.Page.Locator("#diff-list")).Not.ToContainTextAsync("[object");
        await Expect(console.Page.Locator("#diff-list li[data-path='deliveries[d1].deliveryState']")).ToContainTextAsync("pending");
        await Expect(console.Page.Locator("#diff-list li[data-path='tags']")).ToBeVisibleAsync();

        // A preview-only token is told so, and is offered no rewind.
        await Expect(console.RewindButton).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#rewind-note")).ToContainTextAsync("Preview only");
        await Expect(console.Page.Locator("#activity li")).ToHaveCountAsync(4);
        await ExpectAuditPanelAsync(console, "order", id);
        await console.ScreenshotAsync("preview-scrub.png");

        await console.PressAsync("ArrowRight", expectedVersion: 2);
        await console.PressAsync("End", expectedVersion: 4);
        await Expect(console.Page.Locator("#diff")).ToBeHiddenAsync();
        await console.PressAsync("Home", expectedVersion: 1);
        await console.PressAsync("ArrowUp", expectedVersion: 1);

        // Scrubbing previewed; it persisted nothing.
        Assert.Equal(4, (await silo.CheckpointsAsync("order", id)).Count);
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task Preview_only_token_cannot_rewind_even_when_the_page_is_forged()
    {
        var id = ActorIds.New("ord-forged");
        await SeedOrderAsync(id);
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Support);
        await console.OpenActorAsync("order", id, expectedCheckpoints: 4);
        await console.Checkpoint(1).ClickAsync();
        await console.WaitForStateAsync(1);
        await Expect(console.RewindButton).ToBeHiddenAsync();

        // Unhide the rewind action by hand: the server still refuses, and the console shows its detail.
        await console.Page.EvalOnSelectorAsync("#rewind-button", "button => { button.hidden = false; }");
        await console.RewindButton.ClickAsync();
        await console.Page.Locator("#rewind-reason").FillAsync("trying anyway");
        await console.Page.Locator("#rewind-confirm").ClickAsync();
        await Expect(console.Page.Locator("#rewind-problem")).ToContainTextAsync("needs permission 'actors/order:rewind'");

        // The same batch straight from the page's own token is refused too.
        var status = await console.Page.EvaluateAsync<int>(
            """
            async ([type, id]) => (await fetch(`/resources/actors/${type}/${id}`, {
              method: "POST",
              headers: { "Content-Type": "application/json", Authorization: `Bearer ${sessionStorage.getItem("actors.console.token")}` },
              body: JSON.stringify([{ type: "rewind", body: { version: 1, reason: "forged" } }]),
            })).status
            """,
            new[] { "order", id });
        Assert.Equal(403, status);
        Assert.Equal(4, (await silo.CheckpointsAsync("order", id)).Count);
        await console.ScreenshotAsync("preview-refused.png");
    }

    [Fact]
    public async Task Read_only_token_sees_old_states_through_getState()
    {
        var id = ActorIds.New("tkt");
        await silo.SeedAsync("ticket", id,
            """[{"type":"create","body":{"title":"Printer on fire","priority":"high"}}]""",
            """[{"type":"addComment","body":{"text":"Extinguisher fetched"}},{"type":"assign","body":{"assignee":"ops"}}]""",
            """[{"type":"setTicketState","body":{"ticketState":"solved"}}]""");
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Reader);
        await console.OpenActorAsync("ticket", id, expectedCheckpoints: 3);
        await Expect(console.Field("comments").Locator("td.now")).ToContainTextAsync("Extinguisher fetched");

        await console.Checkpoint(1).ClickAsync();
        await console.WaitForStateAsync(1);
        await Expect(console.Field("ticketState").Locator("td.then")).ToHaveTextAsync("open");
        await Expect(console.Field("assignee")).ToHaveClassAsync(new Regex("changed"));
        await Expect(console.Page.Locator("#diff-list li[data-path^='comments[']")).ToContainTextAsync("added");
        await Expect(console.Page.Locator("#rewind-note")).ToContainTextAsync("Read only");
        await Expect(console.RewindButton).ToBeHiddenAsync();
        Assert.Empty(console.PageErrors);
    }

    /// <summary>Four checkpoints: created with a line and a delivery; tagged; a second line; confirmed and shipped.</summary>
    private Task SeedOrderAsync(string id) => silo.SeedAsync("order", id,
        """
        [{"type":"create","body":{"orderNumber":"1001","currency":"SEK","customerEmail":"kim@example.com"}},
         {"type":"addOrderLine","body":{"orderLineId":"l1","sku":"TSHIRT","quantity":2,"unitPrice":199}},
         {"type":"addDelivery","body":{"deliveryId":"d1"}}]
        """,
        """[{"type":"addTag","body":{"key":"priority"}}]""",
        """[{"type":"addOrderLine","body":{"orderLineId":"l2","sku":"MUG","quantity":1,"unitPrice":299}}]""",
        """[{"type":"setOrderState","body":{"orderState":"confirmed"}},{"type":"setDeliveryState","body":{"deliveryId":"d1","deliveryState":"shipped"}}]""");

    /// <summary>The audit panel hides itself while the silo has no audit endpoint, and lists entries once it has.</summary>
    internal static async Task ExpectAuditPanelAsync(ConsolePage console, string type, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/audit?actorType={type}&actorId={id}");
        request.Headers.Authorization = new("Bearer", ConsoleTokens.Admin);
        using var response = await console.Silo.Http.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await Expect(console.Page.Locator("#audit-panel")).ToHaveAttributeAsync("data-status", "absent");
            await Expect(console.Page.Locator("#audit-panel")).ToBeHiddenAsync();
        }
        else
        {
            await Expect(console.Page.Locator("#audit-panel")).ToBeVisibleAsync();
        }
    }
}
