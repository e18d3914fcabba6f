using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>
/// A scenario with variants in Chromium: the page names the variant drawn, the answer is graded
/// against it, and the result shows it. Fixture kubelet-variants: variant 1 stops the kubelet on
/// node-3 (SplitMix64 seeded with 1 gives 2 mod 3).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class VariantJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task ALearnerAnswersAVariantByKeyboardAndItsResultNamesIt()
    {
        var (page, problems) = await app.NewPageAsync();

        await page.GotoAsync("/practice/kubelet-variants?variant=1");
        await Assertions.Expect(page.GetByText("Variant 1: node = node-3.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The kubelet on node-3 stops at 1m. Which hold at 3m?")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "scenario-variant");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "scenario-variant");

        // By keyboard: into the radio group and down to node-3, the checkbox for "node-3 is NotReady", then the button.
        await BrowserFixture.TabToAsync(page, page.GetByLabel("node-1", new() { Exact = true }));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByLabel("node-3", new() { Exact = true })).ToBeCheckedAsync();
        await BrowserFixture.TabToAsync(page, page.GetByLabel("node-3 is NotReady"));
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 of 2");
        await Assertions.Expect(page.GetByText("You answered variant 1: node = node-3.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "result-variant");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "result-variant");

        // "Another variant" draws a new one; "This variant again" opens the same.
        await page.GetByRole(AriaRole.Link, new() { Name = "This variant again" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Variant 1: node = node-3.")).ToBeVisibleAsync();
        Assert.Empty(problems);
    }

    [GeneratedRegex("/practice/attempts/[0-9a-f-]{36}$")]
    private static partial Regex AttemptUrl();
}
