using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>The shipped "Module 1 check" in Chromium, by keyboard alone, over the course as it ships.</summary>
[Collection(CourseBrowserCollection.Name)]
public sealed partial class CourseExamJourneyTests(CourseBrowserFixture app)
{
    [Fact]
    public async Task TheModuleOneCheckIsTakenToTheEndByKeyboardAndScoredPerDomain()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/exams");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start Module 1 check" }));
        await page.Keyboard.PressAsync("Enter");

        // Five scenarios drawn from module 1 (3 troubleshooting, 2 architecture): some questions each.
        var first = page.GetByRole(AriaRole.Group, new() { NameRegex = QuestionOf() });
        await Assertions.Expect(first).ToBeVisibleAsync();
        var count = int.Parse(QuestionOf().Match(await first.Locator("legend").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 5, 60);
        await Assertions.Expect(page.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex("^(29|30) min [0-9]+ s left$"));

        // Next, Next, flag the third, Previous: the list shows it flagged; then submit with the rest unanswered.
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^Question 3 of {count} ") })).ToBeVisibleAsync();
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Flag to come back" }));
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Previous" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Question 3, not answered, flagged" })).ToBeVisibleAsync();
        // Moving on without answering saves nothing: still nothing answered.
        await Assertions.Expect(page.GetByText($"0 of {count} answered, 1 flagged.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "exam-module-1-question");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "module 1 check, question");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit the exam" }));
        await page.Keyboard.PressAsync("Enter");

        // Nothing answered: 0%, not passed against 70%; both domains scored; every question in the review; a retry per scenario.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync($"0% (0 of {count} right) — not passed: the pass mark is 70%.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Troubleshooting" })).ToContainTextAsync("0 of");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Cluster Architecture, Installation & Configuration" })).ToContainTextAsync("0 of");
        await Assertions.Expect(page.Locator(".exam-review > li")).ToHaveCountAsync(count);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Retry what I got wrong in") })).ToHaveCountAsync(5);
        await BrowserFixture.ScreenshotsAsync(page, "exam-module-1-result");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "module 1 check, result");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Retry what I got wrong in") }).First);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Retrying only the");
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"^Question 1 of ([0-9]+)\s")]
    private static partial Regex QuestionOf();
}
