using static Microsoft.Playwright.Assertions;

namespace Actors.Console.Tests;

/// <summary>The console at phone width: one column, nothing cut off sideways.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PhoneLayoutTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task Phone_width_still_shows_the_timeline_and_the_state()
    {
        var id = ActorIds.New("ord-phone");
        await silo.SeedAsync("order", id,
            """
            [{"type":"create","body":{"orderNumber":"3003","currency":"SEK","customerEmail":"a.very.long.address@example.com"}},
             {"type":"addOrderLine","body":{"orderLineId":"l1","sku":"TSHIRT","quantity":2,"unitPrice":199}},
             {"type":"addDelivery","body":{"deliveryId":"d1"}}]
            """,
            """[{"type":"addTag","body":{"key":"gift"}}]""");
        await using var console = await ConsolePage.OpenAsync(browser, silo, width: PhoneWidth, height: 844, phone: true);
        await console.SignInAsync(ConsoleTokens.Support);
        await console.OpenActorAsync("order", id, expectedCheckpoints: 2);
        await console.Checkpoint(1).TapAsync();
        await console.WaitForStateAsync(1);

        await Expect(console.Page.Locator("#timeline")).ToBeInViewportAsync();
        await Expect(console.Field("tags")).ToBeVisibleAsync();
        await Expect(console.Field("tags").Locator("td.now")).ToHaveTextAsync("gift");
        foreach (var panel in new[] { "#timeline-panel", "#state-panel" })
        {
            var box = await console.Page.Locator(panel).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth + 0.5, $"{panel} spans {box.X}..{box.X + box.Width}, wider than the phone's {PhoneWidth}px");
        }

        // The timeline is above the state, not beside it.
        var timeline = await console.Page.Locator("#timeline-panel").BoundingBoxAsync();
        var state = await console.Page.Locator("#state-panel").BoundingBoxAsync();
        Assert.True(state!.Y >= timeline!.Y + timeline.Height, "at phone width the state follows the timeline");
        Assert.True(await console.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await console.ScreenshotAsync("phone-full.png", fullPage: true);
        await console.Page.Locator("#timeline-panel").ScrollIntoViewIfNeededAsync();
        await console.ScreenshotAsync("phone.png");
        await console.Page.Locator("#state-panel").ScreenshotAsync(new() { Path = Artifacts.PathOf("phone-state.png") });
        Assert.Empty(console.PageErrors);
    }
}
