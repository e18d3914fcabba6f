using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>
/// Where a learner finds the incident's kubectl address: folded away on the practice page (up to
/// the page), and on the result page for every time of the incident. Keyboard only; 1280 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentAddressTourTests(BrowserFixture app)
{
    [Fact]
    public async Task ThePracticePageAndTheResultPageGiveTheKubectlAddress()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync("/practice/kubelet-stops");
        var fold = page.Locator("details.kubectl summary");
        await BrowserFixture.TabToAsync(page, fold);
        await page.Keyboard.PressAsync("Enter");
        var command = page.Locator("details.kubectl pre code");
        await Assertions.Expect(command).ToHaveTextAsync(new Regex(@"^kubectl --server http://127\.0\.0\.1:\d+/incidents/kubelet-stops/0/at/2m get pods -o wide$"));
        await BrowserFixture.ScreenshotsAsync(page, "incident-address-practice");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "practice page with the kubectl address");

        await BrowserFixture.TabToAsync(page, page.GetByLabel("The data plane"));
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
        await page.Keyboard.PressAsync("Enter");
        var replay = page.GetByRole(AriaRole.Region, new() { Name = "Replay it with your own kubectl" });
        await Assertions.Expect(replay.Locator("pre code")).ToHaveTextAsync(new Regex(@"^kubectl --server http://127\.0\.0\.1:\d+/incidents/attempts/[0-9a-f-]{36}/at/2m get pods -o wide$"));
        await Assertions.Expect(replay).ToContainTextAsync("at any time up to 10:00");
        await replay.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotsAsync(page, "incident-address-result");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "result page with the kubectl address");
        Assert.Empty(problems);
    }
}
