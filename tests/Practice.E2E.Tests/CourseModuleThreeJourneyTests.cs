using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>Module 3 of the course as it ships, in Chromium: its lesson read and a scenario answered, at both widths.</summary>
[Collection(CourseBrowserCollection.Name)]
public sealed partial class CourseModuleThreeJourneyTests(CourseBrowserFixture app)
{
    [Fact]
    public async Task TheEtcdModuleHasALessonAndAScenarioThatGradesByKeyboard()
    {
        var (page, problems) = await app.NewPageAsync();

        await page.GotoAsync("/learn");
        await page.GetByRole(AriaRole.Link, new() { Name = "etcd and Raft" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Majorities, leaders and snapshots" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Majorities, leaders and snapshots");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quorum arithmetic" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "module-3-lesson");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "module-3-lesson");

        await page.GotoAsync("/practice/etcd-four-members");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Four etcd members instead of three. What does the fourth buy?");
        await BrowserFixture.ScreenshotsAsync(page, "module-3-scenario");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "module-3-scenario");

        // By keyboard: into the radio group and down to "One", then the two options that hold.
        await BrowserFixture.TabToAsync(page, page.GetByLabel("None; the first failure stops writes"));
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByLabel("One, like a three-member cluster")).ToBeCheckedAsync();
        foreach (var option in new[] { "etcd has lost its quorum", "The three web pods keep running and serving" })
        {
            await BrowserFixture.TabToAsync(page, page.GetByLabel(option));
            await page.Keyboard.PressAsync("Space");
        }
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 of 2");
        await BrowserFixture.ScreenshotsAsync(page, "module-3-result");
        Assert.Empty(problems);
    }

    [GeneratedRegex("/practice/attempts/[0-9a-f-]{36}$")]
    private static partial Regex AttemptUrl();
}
