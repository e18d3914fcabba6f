using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Practice.Testing;

namespace Practice.E2E.Tests;

/// <summary>The app on a real loopback Kestrel port, and Debian's Chromium driven by Playwright; the fixture course imported.</summary>
public class BrowserFixture : PracticeAppFactory, IAsyncLifetime
{
    private readonly string _content;
    private IPlaywright? _playwright;

    public BrowserFixture() : this("practice_test_e2e", Path.Combine(AppContext.BaseDirectory, "Fixtures", "content"))
    {
    }

    /// <param name="content">The content directory imported, through the real check and import.</param>
    protected BrowserFixture(string database, string content) : base(database, kestrel: true) => _content = content;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's clock: the system's, until a test moves it (and moves it back).</summary>
    public ShiftableClock Clock { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));

    public static string ArtifactsDirectory { get; } = FindArtifacts();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // The journeys need a course, through the real check and import.
        await ImportContentAsync(_content);
        var executable = Environment.GetEnvironmentVariable("PRACTICE_CHROMIUM") is { Length: > 0 } path
            ? path
            : "/usr/lib/chromium/chromium";
        _playwright = await Playwright.CreateAsync();
        // Playwright cannot download its own browser here: always launch the system one.
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--disable-component-update", "--disable-sync"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
    }

    /// <summary>A fresh page that records console errors and failed requests, so tests can assert there were none.</summary>
    /// <param name="timeZone">The browser's IANA time zone (Chromium's default is the machine's).</param>
    public async Task<(IPage Page, List<string> Problems)> NewPageAsync(string? timeZone = null)
    {
        var page = await Browser.NewPageAsync(new() { BaseURL = ServerAddress.ToString(), TimezoneId = timeZone });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
        return (page, problems);
    }

    /// <summary>Full-page screenshots at 1280 and 390 px wide (name-1280.png, name-390.png); fails if the page scrolls sideways on the phone.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, $"{name}-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, $"{name}-390.png"), FullPage = true });
        // Nothing wider than the phone's screen: no sideways scrolling.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), $"{name} scrolls sideways at 390 px");
        await page.SetViewportSizeAsync(1280, 800);
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 120 times): reaching a control by keyboard alone.</summary>
    public static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 120 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(target).ToBeFocusedAsync();
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    private static string FindArtifacts()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Practice.sln")))
        {
            dir = dir.Parent;
        }
        var artifacts = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(artifacts);
        return artifacts;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The same, with the course as shipped (<c>content/</c>): for what only the real course has, such as its mock exams.</summary>
public sealed class CourseBrowserFixture() : BrowserFixture("practice_test_e2e_course", Path.Combine(Path.GetDirectoryName(ArtifactsDirectory)!, "..", "content"));

[CollectionDefinition(Name)]
public sealed class CourseBrowserCollection : ICollectionFixture<CourseBrowserFixture>
{
    public const string Name = "course-browser";
}
