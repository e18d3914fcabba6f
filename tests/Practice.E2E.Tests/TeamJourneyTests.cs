using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>A team as two people meet it in Chromium, each in a browser of their own.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TeamJourneyTests(BrowserFixture app)
{
    private const string Password = "team journey passphrase";

    [Fact]
    public async Task AnOwnerInvitesASignedOutLearnerWhoRegistersJoinsAnswersAndShowsOnTheDashboard()
    {
        var (owner, ownerProblems) = await app.NewPageAsync();
        await RegisterAsync(owner, "team-owner@example.com", "Olga Owner");

        // The owner starts a team and makes an invite link.
        await owner.GotoAsync("/teams");
        await owner.GetByLabel("Name").FillAsync("Platform on-call");
        await owner.GetByLabel("Description").FillAsync("Preparing the CKA together");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create the team" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Manage Platform on-call");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Make an invite link" }).ClickAsync();
        var link = await owner.GetByLabel("The new link").InputValueAsync();
        Assert.Matches(InviteLink(), link);
        await BrowserFixture.ScreenshotsAsync(owner, "team-manage");

        // The learner opens it signed out: sign in, or register, and back to joining.
        var (learner, learnerProblems) = await app.NewPageAsync();
        await learner.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(learner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await learner.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await learner.GetByLabel("E-mail address").FillAsync("team-learner@example.com");
        await learner.GetByLabel("Display name").FillAsync("Lars Learner");
        await learner.GetByLabel("Password").FillAsync(Password);
        await learner.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(learner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join a team");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Join Platform on-call" }).ClickAsync();
        await Assertions.Expect(learner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Platform on-call");
        await Assertions.Expect(learner.GetByText("You are a member of this team.")).ToBeVisibleAsync();

        // The learner answers a scenario (one question, right).
        await learner.GotoAsync("/practice/scheduler-stops");
        await learner.GetByLabel("The control plane").CheckAsync();
        await learner.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
        await Assertions.Expect(learner.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1");

        // The owner's dashboard shows it.
        await owner.GetByRole(AriaRole.Link, new() { Name = "Platform on-call" }).First.ClickAsync();
        var row = owner.GetByRole(AriaRole.Row, new() { Name = "Lars Learner" });
        await Assertions.Expect(row).ToContainTextAsync("member");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("1");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("1 of 1");
        await BrowserFixture.ScreenshotsAsync(owner, "team-dashboard");
        Assert.Empty(ownerProblems);
        Assert.Empty(learnerProblems);
    }

    private static async Task RegisterAsync(IPage page, string email, string name)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
    }

    [GeneratedRegex("^http://127\\.0\\.0\\.1:[0-9]+/teams/join/[A-Za-z0-9_-]{43}$")]
    private static partial Regex InviteLink();
}
