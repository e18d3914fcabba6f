using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>The pages this change adds that no journey stops on, and their failure paths, at 1280 and 390 px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionPagesTourTests(BrowserFixture app)
{
    [Fact]
    public async Task ExamsHelpJoinDeleteAndTheTooManyTriesPage()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync("/exams");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start Fixture check" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "tour-exams");

        await page.GotoAsync("/help/review");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Fewer than half right Again" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "tour-help-review");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "help review");

        // A code that leads nowhere, typed by keyboard: the message says what to do.
        await page.GotoAsync("/live");
        await BrowserFixture.TabToAsync(page, page.GetByLabel("Session code"));
        await page.Keyboard.TypeAsync("ZZZZZZ");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Gil");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No running session has that code. Check it with your host.");
        await BrowserFixture.ScreenshotsAsync(page, "tour-live-join-refused");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "live join");

        // Deleting with a wrong password deletes nothing and says so.
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail address").FillAsync("tour-delete@example.com");
        await page.GetByLabel("Display name").FillAsync("Tia");
        await page.GetByLabel("Password").FillAsync("tour delete passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete your account" }).ClickAsync();
        await BrowserFixture.TabToAsync(page, page.GetByLabel("Your password"));
        await page.Keyboard.TypeAsync("not the passphrase");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That is not your password: nothing was deleted.");
        await BrowserFixture.ScreenshotsAsync(page, "tour-delete-refused");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "delete account");

        await page.GotoAsync("/Error/429");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Too many tries");
        await BrowserFixture.ScreenshotsAsync(page, "tour-429");

        // The refused join, the refused delete and the 429 page answered 4xx, which Chromium logs; nothing else.
        Assert.DoesNotContain(problems, p => !p.Contains("status of 4", StringComparison.Ordinal));
    }
}
