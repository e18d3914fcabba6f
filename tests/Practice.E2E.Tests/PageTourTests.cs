using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>
/// The pages and failure paths the journeys do not stop on, opened in Chromium at 1280 and 390 px
/// (screenshots saved, no sideways scrolling), each with what the learner is told.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTourTests(BrowserFixture app)
{
    [Fact]
    public async Task FailurePathsSayWhatWentWrongAtBothWidths()
    {
        var (page, _) = await app.NewPageAsync();

        // Registering by keyboard alone, with a password too short: the form says so and keeps the rest.
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail address").FocusAsync();
        await page.Keyboard.TypeAsync("tour@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Tour Guide");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("short");
        // The browser's own minlength check stops Enter; the server's message is seen when it is bypassed.
        await page.EvaluateAsync("document.querySelector('input[name=Password]').removeAttribute('minlength')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Passwords must be at least 10 characters.");
        await Assertions.Expect(page.GetByLabel("E-mail address")).ToHaveValueAsync("tour@example.com");
        await BrowserFixture.ScreenshotsAsync(page, "register-error");

        // A reset link cut short.
        await page.GotoAsync("/account/reset-password?email=tour%40example.com");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("this address is not a whole one");
        await BrowserFixture.ScreenshotsAsync(page, "reset-broken");

        // Forgot password: the same answer whether or not there is an account.
        await page.GotoAsync("/account/forgot-password");
        await page.GetByLabel("E-mail address").FillAsync("nobody-at-all@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account has that address");
        await BrowserFixture.ScreenshotsAsync(page, "forgot-sent");

        // Teams, signed out.
        await page.GotoAsync("/teams");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Teams need an account.");
        await BrowserFixture.ScreenshotsAsync(page, "teams-signed-out");

        // Signed in now: the change-password page with a wrong current password, a broken invite, an empty teams page.
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail address").FillAsync("tour@example.com");
        await page.GetByLabel("Display name").FillAsync("Tour Guide");
        await page.GetByLabel("Password").FillAsync("a tour of the pages");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GotoAsync("/account/password");
        await page.GetByLabel("Current password").FillAsync("not my password");
        await page.GetByLabel("New password").FillAsync("another passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your current password is not right.");
        await BrowserFixture.ScreenshotsAsync(page, "password-error");

        var invite = await page.GotoAsync("/teams/join/not-a-real-invite");
        Assert.Equal(404, invite!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This invite link does not lead to a team.");
        await BrowserFixture.ScreenshotsAsync(page, "join-broken");

        await page.GotoAsync("/teams");
        await Assertions.Expect(page.GetByText("You are in no team yet.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "teams-empty");

        var missing = await page.GotoAsync($"/teams/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");

        await page.GotoAsync("/account/sign-out");
        await BrowserFixture.ScreenshotsAsync(page, "sign-out");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign out of Practice" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
