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

    [Fact]
    public async Task Erased_personal_fields_show_as_erased_even_with_pii_and_the_erase_checkpoint_names_them()
    {
        var id = ActorIds.New("pay");
        await silo.SeedAsync("payment", id,
            """[{"type":"create","body":{"amount":450,"currency":"SEK","cardNumber":"4111 1111 1111 2222"}}]""",
            """[{"type":"setCardNumber","body":{"cardNumber":"4111111111113333"}}]""",
            """[{"type":"erase","body":{"reason":"customer asked to be forgotten"}}]""");
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Admin);
        await console.OpenActorAsync("payment", id, expectedCheckpoints: 3);

        await Expect(console.Field("cardNumber").Locator("td.now .erased")).ToHaveTextAsync("erased");
        await Expect(console.Checkpoint(3)).ToContainTextAsync("ERASE");
        await Expect(console.Checkpoint(3)).ToContainTextAsync("cardNumber");
        await Expect(console.Checkpoint(3)).ToContainTextAsync("customer asked to be forgotten");
        await Expect(console.Checkpoint(2)).ToContainTextAsync("cardNumber=erased");

        await console.Checkpoint(1).ClickAsync();
        await console.WaitForStateAsync(1);
        await Expect(console.Field("cardNumber").Locator("td.then .erased")).ToHaveTextAsync("erased");
        await Expect(console.Field("amount").Locator("td.then")).ToHaveTextAsync("450");
        await console.ScreenshotAsync("payment-erased.png");

        var html = await console.Page.ContentAsync();
        Assert.DoesNotContain("2222", html, StringComparison.Ordinal);
        Assert.DoesNotContain("3333", html, StringComparison.Ordinal);
        Assert.DoesNotContain("enc:v1", html, StringComparison.Ordinal);
        Assert.Empty(console.PageErrors);
    }
}
