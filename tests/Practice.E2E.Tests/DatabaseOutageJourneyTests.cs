using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Practice.Testing;

namespace Practice.E2E.Tests;

/// <summary>
/// The app reaches its database through a proxy the test cuts, as a restart would, for longer than
/// a submit's retries (2 s here): the learner reads that the answer may have been saved, finds out
/// from the keyboard that it was not, and sends it again.
/// </summary>
public sealed partial class DatabaseOutageJourneyTests(OutageBrowserFixture app) : IClassFixture<OutageBrowserFixture>
{
    [Fact]
    public async Task AnAnswerSentDuringAnOutageIsSaidTruthfullyAndCanBeSentAgainByKeyboard()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync("/practice/kubelet-stops");
        await page.GetByLabel("The data plane").CheckAsync();

        app.Proxy.Cut();
        try
        {
            await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
            await page.Keyboard.PressAsync("Enter");
            var alert = page.GetByRole(AriaRole.Alert);
            await Assertions.Expect(alert).ToContainTextAsync("Your answer may have been saved");
            await Assertions.Expect(alert).ToContainTextAsync("The database did not answer for 2 seconds");
            await Assertions.Expect(page.GetByLabel("The data plane")).ToBeCheckedAsync();
        }
        finally
        {
            app.Proxy.Restore();
        }
        problems.Clear(); // the 503 itself, on purpose
        await BrowserFixture.ScreenshotsAsync(page, "submit-unconfirmed");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "submit page after an outage");

        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Check whether it was saved" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "not saved" }))
            .ToHaveTextAsync("That answer was not saved: the database stopped before it was stored. Please answer again.");

        await page.GetByLabel("The data plane").CheckAsync();
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        Assert.Empty(problems);
    }

    [GeneratedRegex("/practice/attempts/[0-9a-f-]{36}$")]
    private static partial Regex AttemptUrl();
}

/// <summary>The test content behind a proxy to the test Postgres that a test can cut; submits retry for 2 s.</summary>
public sealed class OutageBrowserFixture() : BrowserFixture("practice_test_e2e_outage", Path.Combine(AppContext.BaseDirectory, "Fixtures", "content"))
{
    public FaultyTcpProxy Proxy { get; } = FaultyTcpProxy.InFrontOf(TestDatabase.BaseConnectionString);

    protected override void ConfigureTestServices(IWebHostBuilder builder)
    {
        base.ConfigureTestServices(builder);
        builder.UseSetting("ConnectionStrings:Practice", Proxy.Through(ConnectionString));
        builder.UseSetting("Practice:Grading:SubmitRetrySeconds", "2");
    }
}
