using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Practice.Data;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Grading;

/// <summary>The attempt record: a failure the learner can see and retry, and a result page that simulates nothing.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AttemptRecordTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARunbookReRunPastTheSimulatorsLimitFailsWithItsReasonAndRetryGradesIt()
    {
        var browser = Browser();
        var options = app.Services.GetRequiredService<IOptions<GradingOptions>>().Value;
        var limit = options.ReRunMaxEvents;
        Guid id;
        try
        {
            // An operator's guardrail far below what a re-run of this incident needs.
            options.ReRunMaxEvents = 10;
            var form = await PageForm.OpenAsync(browser, "kubelet-stops");
            var response = await form.Set("q.side", "data").Set("q.fix.step.1", "restart").SubmitAsync();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            id = PageForm.AttemptIdOf(response);
        }
        finally
        {
            options.ReRunMaxEvents = limit;
        }

        var failed = await app.LoadAttemptAsync(id);
        var page = await BodyAsync(await browser.GetAsync($"/practice/attempts/{id}"));

        Assert.Equal(AttemptStatus.Failed, failed.Status);
        Assert.Contains("the simulation of your answer went past a limit of the simulator", failed.Error);
        Assert.Contains("SimulationLimits.MaxEvents = 10", failed.Error);
        Assert.Contains("Grading could not finish", page);
        Assert.Contains("The simulation of your answer went past a limit of the simulator", page);
        Assert.DoesNotContain("Grading…", page);
        Assert.All(failed.Answers, a => Assert.Null(a.Correct));
        Assert.Equal("restart", failed.Answers.Single(a => a.QuestionId == "fix").Answer);

        // The limit is back to normal: "Grade again" grades the stored answers.
        var retry = await PageForm.OpenAsync(browser, $"/practice/attempts/{id}", "Grade again");
        var retried = await retry.SubmitAsync();
        var graded = await app.LoadAttemptAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(AttemptStatus.Graded, graded.Status);
        Assert.Null(graded.Error);
        Assert.Equal(2, graded.Correct); // "data" side and the "restart" runbook are right
        Assert.True(graded.Answers.Single(a => a.QuestionId == "fix").Correct);
        Assert.NotNull(graded.Answers.Single(a => a.QuestionId == "fix").ReplayKey);
        var result = await BodyAsync(await browser.GetAsync($"/practice/attempts/{id}"));
        Assert.Contains("2 of 5", result);
        Assert.Contains("Your re-run of the incident", result);
    }

    [Fact]
    public async Task AGradedAttemptsResultPageRunsNoSimulationEvenWithColdCaches()
    {
        var browser = Browser();
        var form = await PageForm.OpenAsync(browser, "kubelet-stops");
        var response = await form.Set("q.side", "data").Set("q.fix.step.1", "cordon").SubmitAsync();
        var id = PageForm.AttemptIdOf(response);
        Assert.Equal(AttemptStatus.Graded, (await app.LoadAttemptAsync(id)).Status);
        // As a freshly started process would: nothing in memory, everything read from the record.
        ((MemoryCache)app.Services.GetRequiredService<IMemoryCache>()).Compact(1.0);

        using var runs = new SimulationRunCounter("kubelet-stops");
        var page = await BodyAsync(await browser.GetAsync($"/practice/attempts/{id}"));
        var again = await browser.GetAsync($"/practice/attempts/{id}?component=kubelet");

        Assert.Equal(0, runs.Count);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("1 of 5", page);
        Assert.Contains("Your re-run of the incident", page);
        Assert.Contains("The simulated timeline", page);
    }

    [Fact]
    public async Task TheSubmitGradesWithTheRunStoredAtImportAndSimulatesOnlyTheRunbook()
    {
        ((MemoryCache)app.Services.GetRequiredService<IMemoryCache>()).Compact(1.0);
        var browser = Browser();
        var form = await PageForm.OpenAsync(browser, "kubelet-stops");

        using var runs = new SimulationRunCounter("kubelet-stops");
        await form.Set("q.side", "data").Set("q.fix.step.1", "restart").Set("q.fix.delay.1", "30").SubmitAsync();

        Assert.Equal(1, runs.Count); // the learner's re-run; the incident itself was simulated at import
    }

    /// <summary>A browser of its own: its own learner cookie and antiforgery cookie, no redirects followed.</summary>
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

}
