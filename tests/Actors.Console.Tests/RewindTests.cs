using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Actors.Console.Tests;

/// <summary>An admin rewinds from the console, with a reason, and the timeline records it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RewindTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_rewinds_with_a_reason_and_the_timeline_gains_the_rewind_checkpoint()
    {
        var id = ActorIds.New("ord-2002");
        await silo.SeedAsync("order", id,
            """
            [{"type":"create","body":{"orderNumber":"2002","currency":"EUR"}},
             {"type":"addOrderLine","body":{"orderLineId":"l1","sku":"BOOK","quantity":1,"unitPrice":25}}]
            """,
            """[{"type":"addTag","body":{"key":"vip"}}]""",
            """[{"type":"setOrderState","body":{"orderState":"confirmed"}}]""");
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Admin);
        await console.OpenActorAsync("order", id, expectedCheckpoints: 3);
        await Expect(console.RewindButton).ToBeHiddenAsync(); // nothing to rewind to at the newest checkpoint

        await console.Checkpoint(1).ClickAsync();
        await console.WaitForStateAsync(1);
        await Expect(console.RewindButton).ToHaveTextAsync("Rewind to v1…");
        await console.RewindButton.ClickAsync();

        // A reason is required: blank is refused before anything is sent.
        await console.Page.Locator("#rewind-reason").FillAsync("   ");
        await console.Page.Locator("#rewind-confirm").ClickAsync();
        await Expect(console.Page.Locator("#rewind-problem")).ToContainTextAsync("Give a reason");
        Assert.Equal(3, (await silo.CheckpointsAsync("order", id)).Count);

        await console.Page.Locator("#rewind-reason").FillAsync("Confirmed by mistake; customer still editing");
        await console.ScreenshotAsync("rewind-form.png");
        await console.Page.Locator("#rewind-confirm").ClickAsync();

        await Expect(console.Timeline).ToHaveCountAsync(4);
        await console.WaitForStateAsync(4);
        var rewind = console.Checkpoint(4);
        await Expect(rewind).ToHaveAttributeAsync("data-operation", "REWIND");
        await Expect(rewind).ToHaveClassAsync(new Regex("op-rewind"));
        await Expect(rewind).ToContainTextAsync("to v1");
        await Expect(rewind).ToContainTextAsync("Confirmed by mistake; customer still editing");
        await Expect(rewind).ToContainTextAsync("alice.admin");
        await Expect(rewind).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(console.Page.Locator("#notice")).ToContainTextAsync("undid 2 checkpoints");
        await Expect(console.Field("orderState").Locator("td.now")).ToHaveTextAsync("open");
        await Expect(console.Field("tags").Locator("td.now")).ToHaveTextAsync("none");
        await Expect(console.Page.Locator("#activity li").Last).ToContainTextAsync("Rewound order to checkpoint at");

        // Stepping back over the rewind still shows what it undid.
        await console.Page.Locator("#timeline").FocusAsync();
        await console.PressAsync("ArrowUp", expectedVersion: 3);
        await Expect(console.Field("orderState").Locator("td.then")).ToHaveTextAsync("confirmed");
        await console.PressAsync("ArrowDown", expectedVersion: 4);
        await console.ScreenshotAsync("rewind-done.png");

        var checkpoints = await silo.CheckpointsAsync("order", id);
        Assert.Equal(4, checkpoints.Count);
        Assert.Equal("REWIND", (string?)checkpoints[3]!["operation"]);
        Assert.Equal("Confirmed by mistake; customer still editing", (string?)checkpoints[3]!["reason"]);
        Assert.Equal(1, (int?)checkpoints[3]!["metadata"]!["rewind"]!["version"]);
        Assert.Empty(console.PageErrors);
    }
}
