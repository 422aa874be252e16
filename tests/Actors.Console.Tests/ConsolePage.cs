using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Actors.Console.Tests;

/// <summary>The console in its own browser context (so its sessionStorage is its own), as a user drives it.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _pageErrors = [];

    private ConsolePage(IBrowserContext context, IPage page, ConsoleSiloFixture silo)
    {
        _context = context;
        Page = page;
        Silo = silo;
        page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public IPage Page { get; }

    public ConsoleSiloFixture Silo { get; }

    /// <summary>Uncaught script errors so far; a working console has none.</summary>
    public IReadOnlyList<string> PageErrors => _pageErrors;

    public ILocator Problem => Page.Locator("#problem");

    public ILocator Timeline => Page.Locator("#timeline > li");

    public ILocator StatePanel => Page.Locator("#state-panel");

    public ILocator RewindButton => Page.Locator("#rewind-button");

    /// <summary>Opens the console at laptop width, or <paramref name="width"/> × <paramref name="height"/> as a phone.</summary>
    public static async Task<ConsolePage> OpenAsync(BrowserFixture browser, ConsoleSiloFixture silo, int width = 1360, int height = 900, bool phone = false)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page, silo);
        await page.GotoAsync(silo.ConsoleUrl());
        return console;
    }

    /// <summary>Signs in with <paramref name="token"/> and waits until the console shows what it may do.</summary>
    public async Task SignInAsync(string token)
    {
        await SubmitTokenAsync(token);
        await Expect(Page.Locator("#who")).ToBeVisibleAsync();
    }

    public async Task SubmitTokenAsync(string token)
    {
        await Page.Locator("#token-input").FillAsync(token);
        await Page.Locator("#token-form button[type=submit]").ClickAsync();
    }

    /// <summary>Opens an actor through the form and waits for its timeline and current state.</summary>
    public async Task OpenActorAsync(string type, string id, int expectedCheckpoints)
    {
        await Page.Locator("#type-select").SelectOptionAsync(type);
        await Page.Locator("#id-input").FillAsync(id);
        await Page.Locator("#open-form button[type=submit]").ClickAsync();
        await Expect(Timeline).ToHaveCountAsync(expectedCheckpoints);
        await WaitForStateAsync(expectedCheckpoints);
    }

    /// <summary>Waits until the state panel shows the state at <paramref name="version"/>.</summary>
    public async Task WaitForStateAsync(int version)
    {
        await Expect(StatePanel).ToHaveAttributeAsync("data-version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(StatePanel).ToHaveAttributeAsync("data-status", "ready");
    }

    /// <summary>Presses a key with the timeline focused and waits for the state at <paramref name="expectedVersion"/>.</summary>
    public async Task PressAsync(string key, int expectedVersion)
    {
        await Page.Keyboard.PressAsync(key);
        await WaitForStateAsync(expectedVersion);
    }

    /// <summary>A row of the state table: <c>td.then</c> and <c>td.now</c> hold the values.</summary>
    public ILocator Field(string field) => Page.Locator($"#state-table tbody tr[data-field='{field}']");

    public ILocator Checkpoint(int version) => Page.Locator($"#timeline > li[data-version='{version}']");

    /// <summary>Saves a screenshot of the page under the test artifacts folder.</summary>
    public Task ScreenshotAsync(string fileName, bool fullPage = false) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf(fileName), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
