using Microsoft.Playwright;

namespace Autowartung.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright, one browser per test class. Never downloads a browser:
/// the machine's /usr/bin/chromium is the one the platform is tested with.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>
    /// Wait for a navigation to commit, not for every subresource's load event (which raced under load);
    /// the locators that follow wait for their elements.
    /// </summary>
    public static PageWaitForURLOptions Committed { get; } = new() { WaitUntil = WaitUntilState.Commit };

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh browser profile (no cookies) with a German phone-sized window.</summary>
    public async Task<IPage> NewPhonePageAsync(string locale = "de-DE")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
