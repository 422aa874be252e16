using Microsoft.Playwright;

namespace Actors.Console.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright's bundled driver. Nothing is downloaded: a missing browser fails
/// every console test with a message saying what to install, rather than skipping them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The browser binary: <c>ACTORS_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ACTORS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. The console tests need Debian's chromium package " +
                "(apt-get install -y chromium; .ci/run and test.sh install it when run as root), or ACTORS_CHROMIUM set to a Chromium binary.");
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
