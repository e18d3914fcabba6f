using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>Accounts as a learner meets them in Chromium: register, practise, sign out, sign in by keyboard, find the attempt again.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountJourneyTests(BrowserFixture app)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task ALearnerRegistersAnswersSignsOutSignsInAndFindsTheAttemptWhichASecondAccountCannotOpen()
    {
        var (page, problems) = await app.NewPageAsync(timeZone: "Asia/Tokyo");

        // Register from the header, coming from the scenario list.
        await page.GotoAsync("/practice");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create an account");
        await BrowserFixture.ScreenshotsAsync(page, "register");
        await page.GetByLabel("E-mail address").FillAsync("journey@example.com");
        await page.GetByLabel("Display name").FillAsync("Journey Learner");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        // Back where the learner was, signed in.
        await Assertions.Expect(page).ToHaveURLAsync(PracticeListUrl());
        var header = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Signed in as Journey Learner" })).ToBeVisibleAsync();

        // The account page: the browser's time zone was taken at registration.
        await header.GetByRole(AriaRole.Link, new() { Name = "Signed in as Journey Learner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Tokyo");
        await Assertions.Expect(page.GetByText("journey@example.com")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "account");

        // Answer a scenario.
        await page.GotoAsync("/practice/kubelet-stops");
        await page.GetByLabel("The data plane").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        var attemptPath = new Uri(page.Url).AbsolutePath;

        // Sign out from the header: the attempt is not this browser's any more.
        await header.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var signedOut = await page.GotoAsync(attemptPath);
        Assert.Equal(404, signedOut!.Status);

        // Sign in by keyboard only, from the header link.
        await page.GotoAsync("/practice");
        await header.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        // Asked for, not required: no "that page needs an account".
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotsAsync(page, "sign-in");
        await page.GetByLabel("E-mail address").FocusAsync();
        await page.Keyboard.TypeAsync("journey@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(PracticeListUrl());

        // The attempt is there again, graded.
        var again = await page.GotoAsync(attemptPath);
        Assert.Equal(200, again!.Status);
        await Assertions.Expect(page.GetByText("The data plane").First).ToBeVisibleAsync();

        // A second account, in another browser, gets 404 for it.
        var (other, otherProblems) = await app.NewPageAsync();
        await other.GotoAsync("/account/register");
        await other.GetByLabel("E-mail address").FillAsync("someone-else@example.com");
        await other.GetByLabel("Display name").FillAsync("Someone Else");
        await other.GetByLabel("Password").FillAsync(Password);
        await other.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        var foreign = await other.GotoAsync(attemptPath);
        Assert.Equal(404, foreign!.Status);
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");

        // The only failed requests are the two 404s this test asked for.
        Assert.All(problems.Concat(otherProblems), p => Assert.Contains("404", p));
    }

    [Fact]
    public async Task AWrongPasswordShowsAMessageAndKeepsTheAddress()
    {
        var (page, _) = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync("nobody-here@example.com");
        await page.GetByLabel("Password").FillAsync("not a password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That e-mail address and password do not match an account.");
        await Assertions.Expect(page.GetByLabel("E-mail address")).ToHaveValueAsync("nobody-here@example.com");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
    }

    [GeneratedRegex("/practice$")]
    private static partial Regex PracticeListUrl();

    [GeneratedRegex("/practice/attempts/[0-9a-f-]+$")]
    private static partial Regex AttemptUrl();
}
