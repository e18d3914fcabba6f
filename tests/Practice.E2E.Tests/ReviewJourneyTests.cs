using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>Spaced review as a learner meets it in Chromium: answer, wait (the app's clock moved on), see it due, review it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task AnAnsweredScenarioFallsDueAndIsReviewedFromTheHomePage()
    {
        var (page, problems) = await app.NewPageAsync();
        try
        {
            await page.GotoAsync("/practice/scheduler-stops");
            await page.GetByLabel("The control plane").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1");

            // Right at once: a new card's next learning step is 10 minutes away.
            await page.GotoAsync("/");
            var queue = page.GetByRole(AriaRole.Region, new() { Name = "Due now" });
            await Assertions.Expect(queue).ToContainTextAsync("Nothing is due for review. Next:");
            await Assertions.Expect(queue.GetByRole(AriaRole.Link, new() { Name = "The scheduler stops" })).ToBeVisibleAsync();

            // A quarter of an hour later it is due.
            app.Clock.Offset = TimeSpan.FromMinutes(15);
            await page.ReloadAsync();
            await Assertions.Expect(queue).ToContainTextAsync("1 scenario is due.");
            await BrowserFixture.ScreenshotsAsync(page, "review-due");
            await BrowserFixture.AssertNoSeriousViolationsAsync(page, "home with review due");
            await queue.GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The scheduler stops");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your review of this scenario" })).ToContainTextAsync("1 rating so far");
            await page.GetByLabel("The control plane").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1");

            // Reviewed: nothing due; the scenario is in review for days, and its page shows both ratings.
            await page.GotoAsync("/review");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Review");
            await Assertions.Expect(page.GetByText("Nothing is due for review.", new() { Exact = false })).ToBeVisibleAsync();
            await page.GotoAsync("/practice/scheduler-stops");
            var history = page.GetByRole(AriaRole.Region, new() { Name = "Your review of this scenario" });
            await Assertions.Expect(history).ToContainTextAsync("in review · 2 ratings so far");
            await Assertions.Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            await BrowserFixture.ScreenshotsAsync(page, "review-history");
            Assert.Empty(problems);
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }
    }
}
