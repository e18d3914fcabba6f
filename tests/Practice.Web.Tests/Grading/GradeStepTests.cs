using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Content.Grading;
using Practice.Data;
using Practice.Simulation;
using Practice.Testing;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// The Fail step: a grader that throws (a test double standing in for the Grade step) ends the
/// attempt Failed with a reason the learner reads; once the cause is gone, "Grade again" grades it.
/// </summary>
public sealed class GradeStepFailureTests : IAsyncLifetime
{
    private readonly BreakableApp _app = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        await _app.ImportContentAsync(WebAppFixture.FixtureContent);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task AGraderThatThrowsEndsTheAttemptFailedAndGradeAgainGradesItOnceTheCauseIsGone()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _app.Grader.Broken = true;
        var submitted = await (await PageForm.OpenAsync(browser, "kubelet-stops")).Set("q.side", "data").SubmitAsync();
        var location = submitted.Headers.Location!.OriginalString;
        var id = PageForm.AttemptIdOf(submitted);

        var failed = await _app.LoadAttemptAsync(id);
        var failedPage = WebUtility.HtmlDecode(await browser.GetStringAsync(location));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(AttemptStatus.Failed, failed.Status);
        Assert.Equal("the grader hit an internal error (InvalidOperationException); it has been logged", failed.Error);
        Assert.Contains("Grading could not finish", failedPage);
        Assert.Contains("The grader hit an internal error (InvalidOperationException); it has been logged.", failedPage);
        Assert.Contains("Grade again", failedPage);
        Assert.DoesNotContain("http-equiv=\"refresh\"", failedPage);
        Assert.Equal("data", failed.Answers.Single(a => a.QuestionId == "side").Answer);

        _app.Grader.Broken = false;
        var retried = await (await PageForm.OpenAsync(browser, location, "Grade again")).SubmitAsync();
        var graded = await _app.LoadAttemptAsync(id);
        var gradedPage = WebUtility.HtmlDecode(await browser.GetStringAsync(location));

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(AttemptStatus.Graded, graded.Status);
        Assert.Null(graded.Error);
        Assert.True(graded.Answers.Single(a => a.QuestionId == "side").Correct);
        Assert.Contains("1 of 5", gradedPage);
        Assert.DoesNotContain("Grade again", gradedPage);
    }

    [Fact]
    public async Task GradeAgainOnAnotherLearnersAttemptIsNotFoundAndChangesNothing()
    {
        var owner = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _app.Grader.Broken = true;
        var submitted = await (await PageForm.OpenAsync(owner, "kubelet-stops")).Set("q.side", "data").SubmitAsync();
        var location = submitted.Headers.Location!.OriginalString;
        var retry = await PageForm.OpenAsync(owner, location, "Grade again");
        _app.Grader.Broken = false;

        // Another browser (another learner cookie) replays the owner's form with its own token.
        var stranger = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var strangerToken = (await PageForm.OpenAsync(stranger, "kubelet-stops"))["__RequestVerificationToken"];
        var response = await stranger.PostAsync(retry.Action, new FormUrlEncodedContent([new("__RequestVerificationToken", strangerToken)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AttemptStatus.Failed, (await _app.LoadAttemptAsync(PageForm.AttemptIdOf(submitted))).Status);
    }

    /// <summary>The Grade step, breakable from the test.</summary>
    private sealed class BreakableGrader : AttemptGrader
    {
        public volatile bool Broken;

        public override AttemptGrade Grade(long versionId, ScenarioRun run, IEnumerable<AttemptAnswer> answers, SimulationLimits limits, CancellationToken cancellationToken) =>
            Broken ? throw new InvalidOperationException("the test double is broken") : base.Grade(versionId, run, answers, limits, cancellationToken);
    }

    private sealed class BreakableApp() : PracticeAppFactory("practice_test_grade_step", kestrel: false)
    {
        public BreakableGrader Grader { get; } = new();

        protected override void ConfigureTestServices(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<AttemptGrader>(Grader));
    }
}

/// <summary>Two app instances on one database: the scenario's own run is simulated once, at import.</summary>
public sealed class BaseRunOnceTests : IAsyncLifetime
{
    private const string DatabaseName = "practice_test_two_instances";
    private readonly Instance _first = new(createDatabase: true);
    private readonly Instance _second = new(createDatabase: false);

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_first).InitializeAsync();
        await ((IAsyncLifetime)_second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task TheImportSimulatesTheScenarioAndNeitherInstanceSimulatesItAgainToGrade()
    {
        using var atImport = new SimulationRunCounter("kubelet-stops");
        await _first.ImportContentAsync(WebAppFixture.FixtureContent);
        var importRuns = atImport.Count;

        using var atSubmit = new SimulationRunCounter("kubelet-stops");
        foreach (var instance in new[] { _second, _first, _second })
        {
            var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var submitted = await (await PageForm.OpenAsync(browser, "kubelet-stops")).Set("q.side", "data").Set("q.holds", "running").SubmitAsync();
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync(submitted.Headers.Location));
            Assert.Contains("of 5", page);
        }
        await using var scope = _second.CreateScope();
        var baseRuns = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().SimulationRuns.CountAsync(r => r.Key.EndsWith(":base"));

        Assert.True(importRuns >= 1, "the content check at import runs the scenario");
        Assert.Equal(0, atSubmit.Count);
        Assert.Equal(4, baseRuns); // kubelet-stops, big-cluster, scheduler-stops and kubelet-variants (as written), one stored run each
    }

    [Fact]
    public async Task AnEqualRunbookAnsweredOnBothInstancesIsGradedOnBothAndItsReRunStoredOnce()
    {
        await _first.ImportContentAsync(WebAppFixture.FixtureContent);
        var ids = new List<Guid>();
        foreach (var instance in new[] { _first, _second })
        {
            // The second instance does not know the first stored this re-run: its insert collides and it records again.
            var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var submitted = await (await PageForm.OpenAsync(browser, "kubelet-stops")).Set("q.fix.step.1", "restart").Set("q.fix.delay.1", "15").SubmitAsync();
            ids.Add(PageForm.AttemptIdOf(submitted));
        }
        await using var scope = _second.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var attempts = await db.Attempts.AsNoTracking().Include(a => a.Answers).Where(a => ids.Contains(a.Id)).ToListAsync();
        var replayKeys = attempts.Select(a => a.Answers.Single(x => x.QuestionId == "fix").ReplayKey).Distinct().ToList();

        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(AttemptStatus.Graded, a.Status));
        Assert.All(attempts, a => Assert.Equal(5, a.Answers.Count));
        Assert.Single(replayKeys);
        Assert.Equal(1, await db.SimulationRuns.CountAsync(r => r.Key == replayKeys[0]));
    }

    private sealed class Instance(bool createDatabase) : PracticeAppFactory(DatabaseName, kestrel: false, createDatabase: createDatabase)
    {
        protected override void ConfigureTestServices(IWebHostBuilder builder) =>
            builder.UseSetting("Practice:Grading:InlineCostLimit", "10000");
    }
}
