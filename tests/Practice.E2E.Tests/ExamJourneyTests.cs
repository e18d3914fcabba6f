using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>A mock exam in Chromium by keyboard alone: start, answer, flag, move back and across, submit; the score per domain, the review, a retry.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExamJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task ALearnerTakesTheFixtureCheckByKeyboardAndRetriesTheWrongOnes()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync("/exams");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "exams");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start Fixture check" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Question 1 of 6 Which of these hold?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Timer)).ToContainTextAsync("left");

        // Question 1 (multi): the two options that hold, then Next.
        await BrowserFixture.TabToAsync(page, page.GetByLabel("Six web pods are Running at 30s"));
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, page.GetByLabel("The API answers at 2m"));
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        // Question 2 (single): the data plane; flag it; back to question 1, whose answer was kept.
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Question 2 of 6 Which side of the split is the kubelet on?" })).ToBeVisibleAsync();
        await BrowserFixture.TabToAsync(page, page.GetByLabel("The data plane"));
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Flag to come back" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Question 2, answered, flagged" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "exam-question");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "exam question");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Previous" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Six web pods are Running at 30s")).ToBeCheckedAsync();

        // Across to question 6 by the question list; answer it; submit.
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Question 6, not answered" }));
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.TabToAsync(page, page.GetByLabel("The control plane"));
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit the exam" }));
        await page.Keyboard.PressAsync("Enter");

        // 3 of 6 right is 50%: the pass mark. Troubleshooting 2 of 5, architecture 1 of 1.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("50% (3 of 6 right) — passed: the pass mark is 50%.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Troubleshooting" })).ToContainTextAsync("2 of 5");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Cluster Architecture, Installation & Configuration" })).ToContainTextAsync("1 of 1");
        await BrowserFixture.ScreenshotsAsync(page, "exam-result");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "exam result");

        // Retry the wrong ones: the practice page asks only those questions.
        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Retry what I got wrong in") }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Retrying only the 3 questions you got wrong");
        Assert.Empty(problems);
    }
}
