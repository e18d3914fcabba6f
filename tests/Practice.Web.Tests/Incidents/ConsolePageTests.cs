using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Practice.Web.Tests.Incidents;

/// <summary>
/// The incident console on a practice page, without JavaScript: each "Run" posts the whole answer
/// form and the page comes back with the transcript; grading reads the runbook from what was typed.
/// Fixture console-kubelet: node-2's kubelet stops at 1m; the runbook starts at 2m.
/// </summary>
public sealed class ConsolePageTests(IncidentAppFixture app) : IClassFixture<IncidentAppFixture>, IAsyncLifetime
{
    private const string Page = "/practice/console-kubelet";
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = app.ServerAddress };

    public Task InitializeAsync() => app.ImportAsync();

    public Task DisposeAsync()
    {
        _browser.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Types one command: the answer form posted to the console handler, as the Run button does.</summary>
    private async Task<string> RunAsync(PageForm form, string command)
    {
        var response = await form.Without("console.command").Set("console.command", command).SubmitToAsync(Page + "?handler=console");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The page's text as a reader sees it: tags dropped.</summary>
    private static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "");

    private PageForm FormOf(string html) => PageForm.Find(_browser, Page, html, "name=\"idempotency\"")!;

    [Fact]
    public async Task ARunbookTypedInTheConsoleIsGradedAndItsTranscriptShownWithTheResult()
    {
        var first = await _browser.GetStringAsync(Page);
        Assert.Contains("Incident console", first);
        Assert.Contains("It is 2:00 in the incident", Text(first));

        var afterSsh = WebUtility.HtmlDecode(await RunAsync(FormOf(first), "ssh node-2"));
        Assert.Contains("Welcome to node-2", afterSsh);
        Assert.Contains("[2:05] root@node-2:~#", Text(afterSsh));
        var afterStatus = WebUtility.HtmlDecode(await RunAsync(FormOf(afterSsh), "systemctl status kubelet"));
        Assert.Contains("Active: failed", afterStatus);
        var afterRestart = WebUtility.HtmlDecode(await RunAsync(FormOf(afterStatus), "systemctl restart kubelet"));
        Assert.Contains("Your actions so far: kubelet@+10s", Text(afterRestart));

        var submitted = await FormOf(afterRestart).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var id = PageForm.AttemptIdOf(submitted);
        var answer = await AnswerRowAsync(id);
        Assert.Equal("kubelet@+10s", answer.Answer);
        Assert.True(answer.Correct, "restarting the kubelet at 2:10 brings node-2 back by 5:00");
        Assert.Contains("systemctl restart kubelet", answer.Transcript);

        var result = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/practice/attempts/{id}"));
        Assert.Contains("Your console session", result);
        Assert.Contains("[2:10] root@node-2:~# systemctl restart kubelet", Text(result));

        // The same pick in the steps, with the same delay, grades the same.
        var picked = await (await PageForm.OpenAsync(_browser, "console-kubelet")).Set("q.fix.step.1", "kubelet").Set("q.fix.delay.1", "10").SubmitAsync();
        var steps = await AnswerRowAsync(PageForm.AttemptIdOf(picked));
        Assert.Equal((answer.Answer, answer.Correct, answer.DetailJson), (steps.Answer, steps.Correct, steps.DetailJson));
        Assert.Null(steps.Transcript);
    }

    [Fact]
    public async Task TheConsoleAndTheStepsCannotBothAnswerTheRunbook()
    {
        var page = await RunAsync(FormOf(await _browser.GetStringAsync(Page)), "ssh node-2");
        page = await RunAsync(FormOf(page), "systemctl restart kubelet");

        var response = await FormOf(page).Set("q.fix.step.1", "drain").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("question 'fix': answer it in the console or with the steps, not both", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ALongLineIsRefusedInTheConsolesOwnWordsAndOtherAnswersStay()
    {
        var html = await RunAsync(FormOf(await _browser.GetStringAsync(Page)), "kubectl get pods " + new string('x', 1000));

        Assert.Contains("practice: a command line is at most 1000 characters; this one has 1017", WebUtility.HtmlDecode(html));
    }

    private async Task<Practice.Data.AttemptAnswer> AnswerRowAsync(Guid attemptId)
    {
        // A bound on waiting, not a speed claim: the fixture is graded inline.
        for (var i = 0; i < 200; i++)
        {
            var attempt = await app.LoadAttemptAsync(attemptId);
            if (attempt.Status != Practice.Data.AttemptStatus.Pending)
            {
                return attempt.Answers.Single(a => a.QuestionId == "fix");
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"attempt {attemptId} was not graded");
    }
}
