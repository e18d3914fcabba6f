using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>Module 2 of the course as it ships, in Chromium: a lesson read and a scenario answered, at both widths.</summary>
[Collection(CourseBrowserCollection.Name)]
public sealed partial class CourseModuleTwoJourneyTests(CourseBrowserFixture app)
{
    [Fact]
    public async Task TheApiserverModuleHasALessonAndAScenarioThatGradesByKeyboard()
    {
        var (page, problems) = await app.NewPageAsync();

        await page.GotoAsync("/learn");
        await page.GetByRole(AriaRole.Link, new() { Name = "The apiserver at the centre" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Every request, one path" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Every request, one path");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Watches: how everyone stays current" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "module-2-lesson");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "module-2-lesson");

        await page.GotoAsync("/practice/apiserver-back-scheduler-not");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("3 AM, the apiserver is back but new pods stay Pending");
        await BrowserFixture.ScreenshotsAsync(page, "module-2-scenario");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "module-2-scenario");

        // By keyboard: the three options that hold (the simulation's verdicts), then the scheduler's restart as the runbook.
        foreach (var option in new[] { "There are eight web Pod objects", "Four of them are Pending", "The controller-manager leads again" })
        {
            await BrowserFixture.TabToAsync(page, page.GetByLabel(option));
            await page.Keyboard.PressAsync("Space");
        }
        await page.Locator("select[name='q.fix.step.1']").SelectOptionAsync("scheduler");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 of 2");
        await BrowserFixture.ScreenshotsAsync(page, "module-2-result");
        Assert.Empty(problems);
    }

    [GeneratedRegex("/practice/attempts/[0-9a-f-]{36}$")]
    private static partial Regex AttemptUrl();
}
