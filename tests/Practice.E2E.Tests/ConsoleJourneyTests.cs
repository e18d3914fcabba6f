using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>
/// The incident console in Chromium, keyboard only, on the course's cni-dataplane-broken (node-2's
/// CNI dataplane breaks; the runbook starts at 3m and offers draining node-2).
/// </summary>
[Collection(CourseBrowserCollection.Name)]
public sealed class ConsoleJourneyTests(CourseBrowserFixture app)
{
    [Fact]
    public async Task TypeInvestigateDrainAndSeeTheGradedResultWithTheCommands()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync("/practice/cni-dataplane-broken");
        var command = page.GetByLabel("Command");
        await BrowserFixture.TabToAsync(page, command);
        var screen = page.GetByRole(AriaRole.Log, new() { Name = "Console transcript" });

        await page.Keyboard.TypeAsync("kubectl get nodes");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(screen).ToContainTextAsync(new Regex(@"node-2\s+Ready"));
        await Assertions.Expect(page.Locator(".console-now")).ToHaveTextAsync("3:05");
        await Assertions.Expect(command).ToBeFocusedAsync();

        // Tab completes a word; the arrow key brings back what was typed.
        await page.Keyboard.TypeAsync("kubectl dra");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(command).ToHaveValueAsync("kubectl drain ");
        await page.Keyboard.TypeAsync("node-2 --ignore-daemonsets");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(screen).ToContainTextAsync("node/node-2 drained");
        await Assertions.Expect(page.Locator(".console-actions")).ToHaveTextAsync("Your actions so far: drain@+5s");
        // The API's names complete too, as far as they share a prefix: the ReplicaSet web-HASH and its pods web-HASH-xxxxx.
        await page.Keyboard.TypeAsync("kubectl describe pod web-");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(command).ToHaveValueAsync(new Regex("^kubectl describe pod web-[a-z0-9]{9}$"));
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.PressAsync("Backspace");
        // The server out of reach for one Run: the page says so and keeps the command to try again.
        await page.RouteAsync("**/practice/cni-dataplane-broken?handler=console", route => route.AbortAsync());
        await page.Keyboard.TypeAsync("kubectl get pods");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "could not reach" }))
            .ToHaveTextAsync("The console could not reach the server; your command is still in the box: try Run again.");
        await Assertions.Expect(command).ToHaveValueAsync("kubectl get pods");
        await page.UnrouteAsync("**/practice/cni-dataplane-broken?handler=console");
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.PressAsync("Backspace");
        problems.Clear(); // the aborted request, on purpose

        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(command).ToHaveValueAsync("kubectl drain node-2 --ignore-daemonsets");
        await page.Keyboard.PressAsync("ArrowDown");
        await BrowserFixture.ScreenshotsAsync(page, "console-practice");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "practice page with the console");

        await BrowserFixture.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your console session" })).ToBeVisibleAsync();
        var transcript = page.GetByRole(AriaRole.Region, new() { Name = "Console transcript" });
        await Assertions.Expect(transcript).ToContainTextAsync("[3:00] $ kubectl get nodes");
        await Assertions.Expect(transcript).ToContainTextAsync("[3:05] $ kubectl drain node-2 --ignore-daemonsets");
        await Assertions.Expect(page.GetByText("3:05 — Drain node-2")).ToBeVisibleAsync();
        // On the re-run's chart: a mark per command, the drain filled, each naming its command.
        var chart = page.Locator("figure.timeline svg[aria-labelledby^='replay-']");
        await Assertions.Expect(chart.Locator("rect.command")).ToHaveCountAsync(2);
        await Assertions.Expect(chart.Locator("rect.command.acted title")).ToHaveTextAsync("3:05 $ kubectl drain node-2 --ignore-daemonsets");
        await Assertions.Expect(chart.Locator("rect.command:not(.acted) title")).ToHaveTextAsync("3:00 $ kubectl get nodes");
        await transcript.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotsAsync(page, "console-result");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "result page with the console transcript");
        Assert.Empty(problems);
    }
}
