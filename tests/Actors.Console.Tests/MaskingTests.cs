using static Microsoft.Playwright.Assertions;

namespace Actors.Console.Tests;

/// <summary>Sensitive fields stay as the server masked them, in every view of the console.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class MaskingTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task Payment_card_number_shows_masked_in_state_timeline_and_past_states()
    {
        var id = ActorIds.New("pay");
        await silo.SeedAsync("payment", id,
            """[{"type":"create","body":{"amount":450,"currency":"SEK","orderId":"ord-1001","cardNumber":"4111 1111 1111 1111"}}]""",
            """[{"type":"authorize"}]""",
            """[{"type":"capture","body":{"amount":300}}]""");
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Support);
        await console.OpenActorAsync("payment", id, expectedCheckpoints: 3);

        await Expect(console.Field("cardNumber").Locator("td.now")).ToHaveTextAsync("****1111");
        await Expect(console.Field("cardNumber").Locator("td.now .masked")).ToBeVisibleAsync();
        await Expect(console.Checkpoint(1)).ToContainTextAsync("cardNumber=****1111");

        await console.Checkpoint(1).ClickAsync();
        await console.WaitForStateAsync(1);
        await Expect(console.Field("cardNumber").Locator("td.then")).ToHaveTextAsync("****1111");
        await Expect(console.Field("paymentState").Locator("td.then")).ToHaveTextAsync("pending");
        await Expect(console.Field("capturedAmount")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("changed"));
        await console.ScreenshotAsync("payment-masked.png");

        var html = await console.Page.ContentAsync();
        Assert.DoesNotContain("4111111111111111", html, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", html, StringComparison.Ordinal);
        Assert.Empty(console.PageErrors);
    }
}
