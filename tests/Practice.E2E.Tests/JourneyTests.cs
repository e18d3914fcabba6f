using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>The first whole journey: read a lesson, open a scenario, answer, see the simulation's verdict.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task ALearnerReadsALessonAnswersAScenarioByKeyboardAndSeesTheTimeline()
    {
        var (page, problems) = await app.NewPageAsync();

        // Lesson
        await page.GotoAsync("/learn/fixture/fixture-lesson");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A fixture lesson");
        await Assertions.Expect(page.GetByText("<script>alert(\"x\")</script>")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Practise this module" }).First.ClickAsync();

        // Scenario list → scenario
        await page.GetByRole(AriaRole.Link, new() { Name = "The kubelet on node-2 stops" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Cluster of kubelet-stops" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "scenario.png"), FullPage = true });

        // Answer: checkboxes and radios by click, the ordering entirely by keyboard.
        await page.GetByLabel("Six web pods are Running at 30s").CheckAsync();
        await page.GetByLabel("The data plane").CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Your estimate" }).FillAsync("55");
        await page.GetByLabel("Position of: Pod objects created").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown"); // 1
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown"); // 2
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown"); // 3
        await Assertions.Expect(page.GetByLabel("Position of: Containers started")).ToHaveValueAsync("3");
        await page.Locator("select[name='q.fix.step.1']").SelectOptionAsync("restart");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();

        // Result
        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("of 5");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Simulated timeline" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "does not hold" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "result.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "result-390.png"), FullPage = false });
        Assert.Empty(problems);
    }

    [GeneratedRegex("/practice/attempts/[0-9a-f-]{36}$")]
    private static partial Regex AttemptUrl();
}
