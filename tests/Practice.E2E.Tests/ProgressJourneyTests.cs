using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Practice.E2E.Tests;

/// <summary>Progress as a learner sees it in Chromium after answering three scenarios, with one wrong answer among them.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProgressJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task ThreeScenariosOneWrongAnswerShowOnTheCalendarMasteryAndTrendAndRetryAsksOnlyTheWrongQuestion()
    {
        var (page, problems) = await app.NewPageAsync();

        // 1: kubelet-stops, every question right but the side (5 answered, 4 right).
        await AnswerKubeletStopsAsync(page, side: "The control plane");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("4 of 5");
        // 2: big-cluster, graded by the worker (1 answered, 1 right): only the pods option holds.
        await page.GotoAsync("/practice/big-cluster");
        await page.GetByLabel("200 web pods are Running at 30s").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1", new() { Timeout = 60_000 });
        // 3: scheduler-stops (1 answered, 1 right).
        await page.GotoAsync("/practice/scheduler-stops");
        await page.GetByLabel("The control plane").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1");

        // Today: 7 answers, 6 right; the kubelet 5 of 6, the scheduler 1 of 1 (under 3: not judged).
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync("/progress");
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main.GetByText("1 day in a row")).ToBeVisibleAsync();
        await Assertions.Expect(main.GetByText("7 questions answered")).ToBeVisibleAsync();
        var components = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Per component" });
        await Assertions.Expect(components.GetByRole(AriaRole.Row, new() { Name = "kubelet" })).ToContainTextAsync("5 of 6");
        await Assertions.Expect(components.GetByRole(AriaRole.Row, new() { Name = "kubelet" })).ToContainTextAsync("83%");
        await Assertions.Expect(components.GetByRole(AriaRole.Row, new() { Name = "kube-scheduler" })).ToContainTextAsync("1 of 1");
        await Assertions.Expect(components.GetByRole(AriaRole.Row, new() { Name = "kube-scheduler" })).ToContainTextAsync("not enough answers yet");
        var calendar = page.GetByRole(AriaRole.Img, new() { Name = "Activity calendar" });
        await Assertions.Expect(calendar).ToBeVisibleAsync();
        Assert.Equal(1, await calendar.Locator("rect.cal-4, rect.cal-3, rect.cal-2, rect.cal-1").CountAsync());
        Assert.Equal(1, await calendar.Locator("rect.cal-3").CountAsync()); // 7 answers: the shade for 6 to 9
        await Assertions.Expect(calendar.Locator("rect.cal-3 title")).ToHaveTextAsync($"{today}: 7 answers, 6 right");
        var trend = page.GetByRole(AriaRole.Img, new() { Name = "Weekly accuracy" });
        Assert.Equal(1, await trend.Locator("rect.trend-bar").CountAsync());
        await Assertions.Expect(trend.Locator("rect.trend-bar title")).ToContainTextAsync("86% right (6 of 7)");
        await BrowserFixture.ScreenshotsAsync(page, "progress");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "progress");

        // Keyboard only: Tab to the retry link and follow it.
        var retryLink = page.GetByRole(AriaRole.Link, new() { Name = "Retry what I got wrong" });
        await Assertions.Expect(retryLink).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Tab");
        for (var i = 0; i < 40 && !await retryLink.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(RetryUrl());
        var questions = page.Locator("form.answers fieldset.question");
        await Assertions.Expect(questions).ToHaveCountAsync(1);
        await Assertions.Expect(questions).ToContainTextAsync("Which side of the split is the kubelet on?");
        await page.GetByLabel("The data plane").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 of 1");

        // The home page card.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your practice" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotsAsync(page, "home-progress");
        await BrowserFixture.AssertNoSeriousViolationsAsync(page, "home");
        Assert.Empty(problems);
    }

    private static async Task AnswerKubeletStopsAsync(IPage page, string side)
    {
        await page.GotoAsync("/practice/kubelet-stops");
        await page.GetByLabel("Six web pods are Running at 30s").CheckAsync();
        await page.GetByLabel("The API answers at 2m").CheckAsync();
        await page.GetByLabel(side).CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Your estimate" }).FillAsync("50");
        await page.Locator("select[name='q.chain.created']").SelectOptionAsync("1");
        await page.Locator("select[name='q.chain.bound']").SelectOptionAsync("2");
        await page.Locator("select[name='q.chain.started']").SelectOptionAsync("3");
        await page.Locator("select[name='q.fix.step.1']").SelectOptionAsync("restart");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
    }

    [GeneratedRegex("/practice/kubelet-stops\\?retry=[0-9a-f-]{36}$")]
    private static partial Regex RetryUrl();
}
