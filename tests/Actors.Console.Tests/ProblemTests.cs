using static Microsoft.Playwright.Assertions;

namespace Actors.Console.Tests;

/// <summary>When the server refuses, the console shows its problem+json detail instead of a blank page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProblemTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task Bad_token_shows_the_servers_detail_and_stays_signed_out()
    {
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SubmitTokenAsync("not-a-real-token");

        await Expect(console.Problem).ToBeVisibleAsync();
        await Expect(console.Problem).ToContainTextAsync("The bearer token is not recognised.");
        await Expect(console.Page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(console.Page.Locator("#who")).ToBeHiddenAsync();
        Assert.Null(await console.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('actors.console.token')"));
        await console.ScreenshotAsync("problem-bad-token.png");
    }

    [Fact]
    public async Task Unknown_actor_and_invalid_id_show_the_servers_detail()
    {
        var id = ActorIds.New("ord-missing");
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Support);

        await console.Page.Locator("#type-select").SelectOptionAsync("order");
        await console.Page.Locator("#id-input").FillAsync(id);
        await console.Page.Locator("#open-form button[type=submit]").ClickAsync();
        await Expect(console.Problem).ToContainTextAsync($"order {id} does not exist.");
        await Expect(console.Page.Locator("#actor")).ToBeHiddenAsync();
        await console.ScreenshotAsync("problem-unknown-actor.png");

        await console.Page.Locator("#id-input").FillAsync("no spaces allowed");
        await console.Page.Locator("#open-form button[type=submit]").ClickAsync();
        await Expect(console.Problem).ToContainTextAsync("Invalid actor id 'no spaces allowed'");
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task Token_is_kept_for_the_tab_and_forgotten_on_sign_out()
    {
        await using var console = await ConsolePage.OpenAsync(browser, silo);
        await console.SignInAsync(ConsoleTokens.Reader);
        Assert.Equal(ConsoleTokens.Reader, await console.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('actors.console.token')"));
        Assert.Null(await console.Page.EvaluateAsync<string?>("() => localStorage.getItem('actors.console.token')"));

        await console.Page.ReloadAsync();
        await Expect(console.Page.Locator("#principal")).ToHaveTextAsync("rita.reader");

        await console.Page.Locator("#sign-out").ClickAsync();
        await Expect(console.Page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Null(await console.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('actors.console.token')"));
    }
}
