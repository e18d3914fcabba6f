using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Practice.Web.Grading;

namespace Practice.E2E.Tests;

/// <summary>When grading cannot finish, the learner reads why and asks for it again from the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FailedGradeTests(BrowserFixture app)
{
    [Fact]
    public async Task AFailedGradeSaysWhyAndGradeAgainGradesItByKeyboard()
    {
        var (page, problems) = await app.NewPageAsync();
        var options = app.Services.GetRequiredService<IOptions<GradingOptions>>().Value;
        var limit = options.ReRunMaxEvents;
        try
        {
            // An operator's guardrail far below what a re-run of this incident needs.
            options.ReRunMaxEvents = 10;
            await page.GotoAsync("/practice/kubelet-stops");
            await page.GetByLabel("The data plane").CheckAsync();
            await page.Locator("select[name='q.fix.step.1']").SelectOptionAsync("restart");
            await page.GetByRole(AriaRole.Button, new() { Name = "Grade my answers" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        }
        finally
        {
            options.ReRunMaxEvents = limit;
        }

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Grading could not finish");
        await Assertions.Expect(alert).ToContainTextAsync("went past a limit of the simulator");
        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "attempt-failed-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "attempt-failed-390.png"), FullPage = true });

        // Keyboard only: Tab to "Grade again" and press Enter.
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Grade again" });
        for (var i = 0; i < 30 && !await button.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 of 5");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Your re-run of the incident" })).ToBeVisibleAsync();
        Assert.Empty(problems);
    }

    [GeneratedRegex("/practice/attempts/[0-9a-f-]{36}$")]
    private static partial Regex AttemptUrl();
}
