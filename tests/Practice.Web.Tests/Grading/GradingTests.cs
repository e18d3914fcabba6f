using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Content.Grading;
using Practice.Data;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Grading;

/// <summary>Every question kind graded right and wrong through the real form, on real Postgres.</summary>
[Collection(WebAppCollection.Name)]
public sealed class GradingTests(WebAppFixture app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    private ScenarioRun _run = null!;

    public async Task InitializeAsync()
    {
        await app.ImportFixtureContentAsync();
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var library = scope.ServiceProvider.GetRequiredService<ScenarioLibrary>();
        var scenario = (await library.CurrentAsync(db, "kubelet-stops", CancellationToken.None))!;
        _run = (await library.BaseRunAsync(db, scenario, CancellationToken.None)).Run;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RightAnswersToEveryKindAreGradedRight()
    {
        var form = RightAnswers(await PageForm.OpenAsync(_client, "kubelet-stops"), side: "data");

        var attempt = await SubmitAndLoadAsync(form);

        var results = Results(attempt);
        Assert.All(results, r => Assert.True(r.Answer.Correct, $"{r.Answer.QuestionId} graded wrong: {string.Join("; ", r.Detail.Explanations)}"));
        Assert.All(results, r => Assert.Equal(AnswerGrade.MaxPoints, r.Answer.Points));
        Assert.Equal(5, attempt.Correct);
        Assert.Equal("inline", attempt.GradedBy);
    }

    [Fact]
    public async Task RetryWhatIGotWrongAsksAndGradesOnlyTheQuestionsAnsweredWrong()
    {
        // Every answer right but the side.
        var first = await SubmitAndLoadAsync(RightAnswers(await PageForm.OpenAsync(_client, "kubelet-stops"), side: "control"));
        Assert.Equal(4, first.Correct);

        var result = await _client.GetStringAsync($"/practice/attempts/{first.Id}");
        Assert.Contains($"href=\"/practice/kubelet-stops?retry={first.Id}\">Retry what I got wrong</a>", result);
        var retryPage = await _client.GetStringAsync($"/practice/kubelet-stops?retry={first.Id}");
        Assert.Contains("id=\"question-side\"", retryPage);
        Assert.DoesNotContain("id=\"question-holds\"", retryPage);
        Assert.DoesNotContain("id=\"question-notready\"", retryPage);
        Assert.Contains("Retrying only the question you got wrong", retryPage);
        var retry = PageForm.Find(_client, $"/practice/kubelet-stops?retry={first.Id}", retryPage, "name=\"idempotency\"")!;
        // An answer to a question the retry does not ask is ignored, not stored.
        var second = await SubmitAndLoadAsync(retry.Set("q.side", "data").Set("q.notready", "1"));

        Assert.Equal((1, 1), (second.QuestionCount, second.Correct));
        Assert.Equal(first.Id, second.RetryOf);
        Assert.Equal(["side"], second.Answers.Select(a => a.QuestionId));
        var other = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/practice/kubelet-stops?retry={first.Id}")).StatusCode);
        Assert.DoesNotContain("Retry what I got wrong", await _client.GetStringAsync($"/practice/attempts/{second.Id}"));
    }

    [Fact]
    public async Task WrongAnswersToEveryKindAreGradedWrong()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.holds", "ready"); // node-2 is not Ready at 5m
        form.Set("q.side", "control");
        form.Set("q.notready", (Outcome<NumberOutcome>("notready").Value!.Value * 3).ToString(CultureInfo.InvariantCulture));
        var reversed = Outcome<OrderOutcome>("chain").Order.Reverse().ToList();
        for (var i = 0; i < reversed.Count; i++)
        {
            form.Set($"q.chain.{reversed[i]}", (i + 1).ToString(CultureInfo.InvariantCulture));
        }
        form.Set("q.fix.step.1", "cordon");

        var attempt = await SubmitAndLoadAsync(form);

        Assert.All(Results(attempt), r => Assert.False(r.Answer.Correct, $"{r.Answer.QuestionId} graded right"));
        Assert.Equal(0, attempt.Correct);
    }

    [Fact]
    public async Task TheResultPageShowsVerdictsTheTimelineAndTheExplanation()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data");
        var response = await form.SubmitAsync();

        var html = await _client.GetStringAsync(response.Headers.Location);

        Assert.Contains("1 of 5", html);
        Assert.Contains("<svg", html);
        Assert.Contains("Simulated timeline", html);
        Assert.Contains("The kubelet renews the node lease", html);
        Assert.Contains("<table class=\"events\">", html);
    }

    [Fact]
    public async Task TheCoursePageShowsProgressOnlyOnceTheLearnerHasAnswered()
    {
        var before = await _client.GetStringAsync("/learn");
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        await form.Set("q.side", "data").SubmitAsync();

        var after = await _client.GetStringAsync("/learn");

        Assert.DoesNotContain("you have answered", before);
        Assert.Contains("you have answered 1 of 4", after);
    }

    [Fact]
    public async Task AnUntouchedRunbookIsUnansweredAndReRunsNothing()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data").Set("q.fix.step.1", "").Set("q.fix.delay.1", "0");

        var attempt = await SubmitAndLoadAsync(form);

        var fix = Results(attempt).Single(r => r.Answer.QuestionId == "fix");
        Assert.Equal("not answered", fix.Detail.Problem);
        Assert.Null(fix.Answer.ReplayKey);
        Assert.Null(fix.Answer.Answer);
        await using var scope = app.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().SimulationRuns.CountAsync(r => r.Key.Contains(":fix:")));
    }

    [Fact]
    public async Task TheRunbookReRunChartMarksTheLearnersOwnAction()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        var response = await form.Set("q.fix.step.1", "cordon").SubmitAsync();

        var html = WebUtility.HtmlDecode(await _client.GetStringAsync(response.Headers.Location));

        var replay = html[html.IndexOf("Your re-run of the incident", StringComparison.Ordinal)..];
        Assert.Contains("class=\"marker action\"", replay);
        Assert.Contains("3:00", replay);
    }

    [Fact]
    public async Task ADoubleSubmitMakesOneAttempt()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data");

        var first = await form.SubmitAsync();
        var second = await form.SubmitAsync();

        Assert.True(first.StatusCode == HttpStatusCode.Redirect, $"{first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await CountAttemptsAsync());
        await using var scope = app.CreateScope();
        // The refused second batch left no answer rows of its own: one row per question of the one attempt.
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        Assert.Equal(5, await db.AttemptAnswers.CountAsync());
        // The second was graded before it was refused; its review rating went back with its rows.
        Assert.Equal(1, await db.ReviewLogs.CountAsync());
        Assert.Equal(1, (await db.ReviewCards.AsNoTracking().SingleAsync()).Reviews);
    }

    [Fact]
    public async Task AHeavyScenarioIsGradedByTheHangfireWorker()
    {
        var form = await PageForm.OpenAsync(_client, "big-cluster");
        form.Set("q.ready", "pods");

        var response = await form.SubmitAsync();
        var attempt = await WaitForGradeAsync(PageForm.AttemptIdOf(response));

        Assert.Equal("worker", attempt.GradedBy);
        Assert.Equal(1, attempt.Correct);
        var result = await _client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Node Ready (first 12 of 40 nodes)", result);
    }

    [Theory]
    [InlineData("q.holds", "no-such-option", "unknown option 'no-such-option'; the options are running, api, ready in question 'holds'")]
    [InlineData("q.nope", "x", "'q.nope' is not a question of this scenario")]
    [InlineData("q.notready", "soon", "give a number (in s) or 'never', not 'soon'")]
    [InlineData("q.chain.created", "9", "a position from 1 to 3")]
    [InlineData("q.fix.step.1", "reboot-the-world", "unknown choice 'reboot-the-world'; the choices are restart, cordon in question 'fix'")]
    public async Task BadAnswersGetAFormErrorAndStoreNothing(string field, string value, string message)
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data").Set(field, value);

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await CountAttemptsAsync());
    }

    [Fact]
    public async Task TwoOptionsForASingleQuestionAreRefused()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data").Set("q.side", "control");

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("question 'side' is a single question: give exactly one option id, not data,control", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await CountAttemptsAsync());
    }

    [Fact]
    public async Task MoreThanTwentyRunbookActionsAreRefused()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data");
        for (var step = 1; step <= 21; step++)
        {
            form.Set($"q.fix.step.{step}", "cordon");
        }

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 20 actions", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAttemptsAsync());
    }

    [Fact]
    public async Task AMissingAntiforgeryTokenIsRefusedAndStoresNothing()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.side", "data").Without("__RequestVerificationToken");

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAttemptsAsync());
    }

    [Fact]
    public async Task AStaleAntiforgeryTokenIsRefusedAndStoresNothing()
    {
        // A token issued to another browser (another antiforgery cookie) does not validate here.
        var other = app.CreateClient();
        var stale = (await PageForm.OpenAsync(other, "kubelet-stops"))["__RequestVerificationToken"];
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Without("__RequestVerificationToken").Set("__RequestVerificationToken", stale).Set("q.side", "data");

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAttemptsAsync());
    }

    [Fact]
    public async Task AnUnknownScenarioIsNotFoundAndStoresNothing()
    {
        var page = await _client.GetAsync("/practice/no-such-scenario");
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        var post = await _client.PostAsync("/practice/no-such-scenario", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form["__RequestVerificationToken"]), new("version", form["version"]), new("idempotency", form["idempotency"])]));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await CountAttemptsAsync());
    }

    private T Outcome<T>(string questionId) where T : QuestionOutcome => (T)_run.Outcome(questionId);

    /// <summary>The kubelet-stops form filled with the simulation's own outcomes, the side as given.</summary>
    private PageForm RightAnswers(PageForm form, string side)
    {
        foreach (var option in Outcome<ChoiceOutcome>("holds").Holding)
        {
            form.Set("q.holds", option);
        }
        form.Set("q.side", side);
        form.Set("q.notready", Outcome<NumberOutcome>("notready").Value!.Value.ToString(CultureInfo.InvariantCulture));
        var order = Outcome<OrderOutcome>("chain").Order;
        for (var i = 0; i < order.Count; i++)
        {
            form.Set($"q.chain.{order[i]}", (i + 1).ToString(CultureInfo.InvariantCulture));
        }
        return form.Set("q.fix.step.1", "restart");
    }

    private async Task<Attempt> SubmitAndLoadAsync(PageForm form)
    {
        var response = await form.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await WaitForGradeAsync(PageForm.AttemptIdOf(response));
    }

    private async Task<Attempt> WaitForGradeAsync(Guid id)
    {
        // A bound on waiting for the worker, not a speed claim: grading takes well under a second.
        for (var i = 0; i < 600; i++)
        {
            var attempt = await app.LoadAttemptAsync(id);
            if (attempt.Status != AttemptStatus.Pending)
            {
                return attempt;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"attempt {id} was not graded within 60 s");
    }

    private static List<(AttemptAnswer Answer, AnswerDetail Detail)> Results(Attempt attempt) =>
        attempt.Answers.OrderBy(a => a.Position).Select(a => (a, AnswerDetail.FromJson(a.DetailJson!))).ToList();

    private async Task<int> CountAttemptsAsync()
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.CountAsync();
    }
}
