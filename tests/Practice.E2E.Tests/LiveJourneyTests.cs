using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>A live session in Chromium: a host's console and a guest's phone, each in a browser of their own, over SignalR.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveJourneyTests(BrowserFixture app)
{
    private const string Password = "live journey passphrase";

    [Fact]
    public async Task AHostRunsTwoQuestionsAGuestAnswersReloadsAndSeesTheFinalStandings()
    {
        var (host, hostProblems) = await app.NewPageAsync();
        // "End the session" asks to confirm.
        host.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await host.GotoAsync("/account/register");
        await host.GetByLabel("E-mail address").FillAsync("live-host@example.com");
        await host.GetByLabel("Display name").FillAsync("Hana Host");
        await host.GetByLabel("Password").FillAsync(Password);
        await host.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await host.GotoAsync("/teams");
        await host.GetByLabel("Name").FillAsync("Study hour");
        await host.GetByRole(AriaRole.Button, new() { Name = "Create the team" }).ClickAsync();
        await host.GetByRole(AriaRole.Link, new() { Name = "Study hour" }).First.ClickAsync();

        // The host opens a lobby: nothing chosen is refused; then two scenarios, a minute each, guests allowed.
        await host.GetByRole(AriaRole.Link, new() { Name = "Start a live session" }).ClickAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Open the lobby" }).ClickAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose at least one scenario for the session.");
        await host.GetByLabel("The scheduler stops").CheckAsync();
        await host.GetByLabel("A cluster big enough to be graded on a worker").CheckAsync();
        await BrowserFixture.ScreenshotsAsync(host, "live-start");
        await host.GetByLabel("Seconds per question").FillAsync("60");
        await host.GetByLabel("Let guests join").CheckAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Open the lobby" }).ClickAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Live session");
        var code = await host.Locator(".join-code").InnerTextAsync();
        Assert.Matches(Code(), code);
        await Assertions.Expect(host.GetByText("Lobby: people join with the code. 60 s per question.")).ToBeVisibleAsync();

        // A guest joins on their phone with the code, typed in lower case.
        var (guest, guestProblems) = await app.NewPageAsync();
        await guest.SetViewportSizeAsync(390, 844);
        await guest.GotoAsync("/live");
        await guest.GetByLabel("Session code").FillAsync("AAAAAA");
        await guest.GetByLabel("Your name").FillAsync("Gus Guest");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No running session has that code. Check it with your host.");
        // The right code, by keyboard alone: Tab to the field, type, Enter.
        await guest.GotoAsync("/live");
        await BrowserFixture.TabToAsync(guest, guest.GetByLabel("Session code"));
        await guest.Keyboard.TypeAsync(code.ToLowerInvariant());
        await guest.Keyboard.PressAsync("Tab");
        await Assertions.Expect(guest.GetByLabel("Your name")).ToBeFocusedAsync();
        await guest.Keyboard.TypeAsync("Gus Guest");
        await guest.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guest.GetByText("You are in as Gus Guest.")).ToBeVisibleAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Row, new() { Name = "Gus Guest" })).ToBeVisibleAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Img, new() { Name = "A QR code that opens" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(host, "live-console-lobby");
        await BrowserFixture.AssertNoSeriousViolationsAsync(host, "console, lobby");
        await BrowserFixture.AssertNoSeriousViolationsAsync(guest, "phone, lobby");

        // Question 1: the guest answers right.
        await host.GetByRole(AriaRole.Button, new() { Name = "Start the first question" }).ClickAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Which side of the split is the scheduler on?" })).ToBeVisibleAsync();
        await Assertions.Expect(guest.Locator(".live-timer")).ToHaveTextAsync(SecondsLeft());
        await BrowserFixture.ScreenshotsAsync(guest, "live-question");
        await BrowserFixture.AssertNoSeriousViolationsAsync(guest, "phone, question");
        // By keyboard alone: the new question's heading has the focus; Tab to the first option, Space, Tab to send, Enter.
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Which side of the split is the scheduler on?" })).ToBeFocusedAsync();
        await guest.Keyboard.PressAsync("Tab");
        await Assertions.Expect(guest.GetByLabel("The control plane")).ToBeFocusedAsync();
        await guest.Keyboard.PressAsync("Space");
        await guest.Keyboard.PressAsync("Tab");
        await Assertions.Expect(guest.GetByRole(AriaRole.Button, new() { Name = "Send my answer" })).ToBeFocusedAsync();
        await guest.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guest.GetByText("Answer received.")).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByText("You answered: The control plane.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(host.GetByText("1 of 1 answered")).ToBeVisibleAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Close the question" }).ClickAsync();
        await Assertions.Expect(guest.GetByText("Time is up.")).ToBeVisibleAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Reveal the answers" }).ClickAsync();
        var verdict = guest.Locator(".live-big");
        await Assertions.Expect(verdict).ToHaveTextAsync(RightWithPoints());
        var points = int.Parse(RightWithPoints().Match(await verdict.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // Answered within seconds of a 60 s window: between the deadline's 500 and an instant 1000.
        Assert.InRange(points, 500, 1000);
        // Each option with the room's count and the simulation's verdict, and the timeline.
        var picked = guest.GetByRole(AriaRole.Row, new() { Name = "The control plane (your pick)" });
        await Assertions.Expect(picked).ToContainTextAsync("holds");
        await Assertions.Expect(picked.GetByRole(AriaRole.Cell).First).ToHaveTextAsync("1");
        await Assertions.Expect(guest.GetByRole(AriaRole.Row, new() { Name = "The data plane" })).ToContainTextAsync("does not hold");
        await Assertions.Expect(guest.Locator("figure.timeline svg")).ToBeVisibleAsync();
        // The host walks the room through the incident: each moment reaches the phone.
        await host.GetByRole(AriaRole.Button, new() { Name = "Show the first moment of the incident" }).ClickAsync();
        await Assertions.Expect(guest.GetByText(MomentOne())).ToBeVisibleAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Next moment" }).ClickAsync();
        await Assertions.Expect(guest.GetByText(MomentTwo())).ToBeVisibleAsync();
        await Assertions.Expect(guest.Locator("ol.moments > li")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotsAsync(guest, "live-revealed");
        await BrowserFixture.ScreenshotsAsync(host, "live-console-revealed");
        await BrowserFixture.AssertNoSeriousViolationsAsync(guest, "phone, revealed");
        await BrowserFixture.AssertNoSeriousViolationsAsync(host, "console, revealed");

        // The phone reloads: the same seat, the same reveal and score.
        await guest.ReloadAsync();
        await Assertions.Expect(verdict).ToHaveTextAsync($"Right: +{points} points.");
        await Assertions.Expect(guest.GetByRole(AriaRole.Row, new() { Name = "Gus Guest (you)" })).ToContainTextAsync(points.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Question 2, a multi: the guest answers right, then the host skips it, which takes its points back.
        await host.GetByRole(AriaRole.Button, new() { Name = "Next question" }).ClickAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Which of these hold?" })).ToBeVisibleAsync();
        // The phone reloads mid-question: the same seat, the same open question, still to answer.
        await guest.ReloadAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Which of these hold?" })).ToBeVisibleAsync();
        await Assertions.Expect(guest.Locator(".live-timer")).ToHaveTextAsync(SecondsLeft());
        await guest.GetByLabel("200 web pods are Running at 30s").CheckAsync();
        await guest.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Assertions.Expect(guest.GetByText("Answer received.")).ToBeVisibleAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Skip" }).ClickAsync();
        await Assertions.Expect(guest.Locator(".live-big")).ToHaveTextAsync("The host skipped this question: it scores nothing.");

        // The host ends it; both see the final standings, and the team lists the session.
        await host.GetByRole(AriaRole.Button, new() { Name = "End the session" }).ClickAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "The session is over" })).ToBeVisibleAsync();
        await Assertions.Expect(guest.Locator(".live-big")).ToHaveTextAsync($"You scored {points} points.");
        await Assertions.Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Final standings" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(guest, "live-ended");
        await BrowserFixture.AssertNoSeriousViolationsAsync(guest, "phone, ended");
        await Assertions.Expect(host.GetByRole(AriaRole.Link, new() { Name = "Download the results (CSV)" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(host, "live-console-ended");
        await host.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumbs" }).GetByRole(AriaRole.Link, new() { Name = "Study hour" }).ClickAsync();
        await Assertions.Expect(host.GetByText("No live session is running.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Past sessions" })).ToBeVisibleAsync();
        await Assertions.Expect(host.GetByText("2 questions · 1 took part · hosted by Hana Host", new() { Exact = false })).ToBeVisibleAsync();

        // The session's page: standings by question and the scenarios to replay.
        await host.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$") }).ClickAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Live session of "));
        var row = host.GetByRole(AriaRole.Row, new() { Name = "Gus Guest (guest)" });
        await Assertions.Expect(row).ToContainTextAsync($"{points}");
        await Assertions.Expect(host.GetByRole(AriaRole.Link, new() { Name = "The scheduler stops" })).ToHaveAttributeAsync("href", "/practice/scheduler-stops");
        await BrowserFixture.ScreenshotsAsync(host, "live-session-page");
        await BrowserFixture.AssertNoSeriousViolationsAsync(host, "session page");

        // Replaying it self-paced is a practice run of the same scenario, graded as practice grades it.
        await host.GetByRole(AriaRole.Link, new() { Name = "The scheduler stops" }).ClickAsync();
        await host.GetByLabel("The control plane").CheckAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1");

        // The refused lobby and the wrong code were answered 400, which Chromium logs; nothing else.
        Assert.DoesNotContain(hostProblems, p => !p.Contains("status of 400", StringComparison.Ordinal));
        Assert.DoesNotContain(guestProblems, p => !p.Contains("status of 400", StringComparison.Ordinal));
    }

    [GeneratedRegex("^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$")]
    private static partial Regex Code();

    [GeneratedRegex("^[0-9]+ s left$")]
    private static partial Regex SecondsLeft();

    [GeneratedRegex("^Moment 1 of [0-9]+$")]
    private static partial Regex MomentOne();

    [GeneratedRegex("^Moment 2 of [0-9]+$")]
    private static partial Regex MomentTwo();

    [GeneratedRegex("^Right: \\+([0-9]+) points\\.$")]
    private static partial Regex RightWithPoints();
}
