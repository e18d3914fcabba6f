using System.Net;
using System.Text.RegularExpressions;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Exams;

/// <summary>A mock exam through its pages and forms: start, answer, flag, move, submit, the score; someone else's sitting is a 404.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ExamPageTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ALearnerTakesTheFixtureCheckAndSeesTheScorePerDomain()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/");
        var started = await (await PageForm.OpenAsync(learner.Client, "/exams", "Start Fixture check")).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var sitting = started.Headers.Location!.OriginalString;
        Assert.Matches(SittingPath(), sitting);

        // Question 2 (kubelet-stops' "side"): answer right and flag it; then question 6 (scheduler-stops' "plane"): wrong.
        var second = await (await PageForm.OpenAsync(learner.Client, $"{sitting}?q=1", "Submit the exam")).Set("q", "1").Set("q.side", "data").Set("go", "flag")
            .SubmitToAsync($"{sitting}?handler=Save");
        Assert.Equal($"{sitting}?q=1", second.Headers.Location!.OriginalString);
        var flagged = await Visitor.BodyAsync(await learner.Client.GetAsync($"{sitting}?q=1"));
        Assert.Contains("aria-label=\"Question 2, answered, flagged\"", flagged);
        Assert.Contains("value=\"data\" checked", flagged); // the saved answer is shown again
        var last = await (await PageForm.OpenAsync(learner.Client, $"{sitting}?q=5", "Submit the exam")).Set("q", "5").Set("q.plane", "data")
            .SubmitToAsync($"{sitting}?handler=Submit");
        var stranger = new Visitor(app);
        await stranger.Client.GetAsync("/");

        Assert.Equal($"{sitting}/result", last.Headers.Location!.OriginalString);
        var result = await Visitor.BodyAsync(await learner.Client.GetAsync($"{sitting}/result"));
        // 1 right of 6 (16%, rounded down): under the 50% pass mark. Troubleshooting 1 of 5, the architecture question wrong.
        Assert.Contains("<strong>16%</strong> (1 of 6 right) — not passed: the pass mark is 50%.", result);
        Assert.Matches(@"Troubleshooting</th><td>1 of 5</td>", result);
        Assert.Matches(@"Cluster Architecture, Installation &amp; Configuration</th><td>0 of 1</td>|Cluster Architecture, Installation & Configuration</th><td>0 of 1</td>", result);
        Assert.Contains("Retry what I got wrong in “The scheduler stops”", result);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(sitting)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"{sitting}/result")).StatusCode);
        // After submitting, the questions lead to the result.
        Assert.Equal($"{sitting}/result", (await learner.Client.GetAsync(sitting)).Headers.Location!.OriginalString);
    }

    [GeneratedRegex("^/exams/sittings/[0-9a-f-]{36}$")]
    private static partial Regex SittingPath();
}
