using Microsoft.Extensions.Logging;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// A web-only process and a separate worker process on one database, as in docker compose:
/// a worker that dies mid-job loses nothing, and a job run twice grades once.
/// </summary>
public sealed class WorkerTests : IAsyncLifetime
{
    private const string DatabaseName = "practice_test_jobs";
    private readonly WebOnlyApp _web = new();

    public async Task InitializeAsync()
    {
        await _web.InitializeAsync();
        await _web.ImportContentAsync(WebAppFixture.FixtureContent);
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task AJobAbandonedByADeadWorkerIsPickedUpAgainAndTheAttemptEndsGraded()
    {
        // Arrange: the web process stores the attempt and queues its job; no worker runs yet.
        var client = _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await PageForm.OpenAsync(client, "big-cluster");
        var response = await form.Set("q.ready", "pods").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attemptId = PageForm.AttemptIdOf(response);
        Assert.Equal(AttemptStatus.Pending, (await _web.LoadAttemptAsync(attemptId)).Status);
        var pending = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Grading…", pending);
        Assert.Contains("http-equiv=\"refresh\"", pending);

        // A worker fetched the job and died: the queue row is marked fetched and nobody completes it.
        Assert.Equal(1, await ExecuteAsync("UPDATE hangfire.jobqueue SET fetchedat = now() WHERE queue = 'simulations' AND fetchedat IS NULL"));

        // Act: a new worker process starts; the abandoned job becomes visible after the invisibility timeout.
        await using var worker = new WorkerApp();
        await worker.InitializeAsync();
        var attempt = await WaitForGradeAsync(attemptId);

        // Assert
        Assert.Equal(AttemptStatus.Graded, attempt.Status);
        Assert.Equal("worker", attempt.GradedBy);
        Assert.Equal(1, attempt.Correct);
    }

    [Fact]
    public async Task AJobRunTwiceLeavesOneResult()
    {
        var client = _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await (await PageForm.OpenAsync(client, "big-cluster")).Set("q.ready", "ready").SubmitAsync();
        var attemptId = PageForm.AttemptIdOf(response);

        await Task.WhenAll(RunJobAsync(attemptId), RunJobAsync(attemptId));
        var first = await _web.LoadAttemptAsync(attemptId);
        await RunJobAsync(attemptId);
        var again = await _web.LoadAttemptAsync(attemptId);

        Assert.Equal(AttemptStatus.Graded, first.Status);
        Assert.Equal(first.GradedAt, again.GradedAt);
        Assert.Equal(first.Answers.Select(a => a.DetailJson), again.Answers.OrderBy(a => a.Position).Select(a => a.DetailJson));
        Assert.Equal(0, first.Correct);
    }

    [Fact]
    public async Task ABacklogOfPendingAttemptsIsQueuedOnceHoweverOftenTheSweepRuns()
    {
        // 200 attempts stored 5 minutes ago by a web process that died before grading them; no worker runs.
        var ids = new List<Guid>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await PendingAttempts.StoreAsync(_web, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, TimeSpan.FromMinutes(5)));
        }
        var jobsBefore = await CountGradingJobsAsync();

        var queued = new List<int>();
        for (var minute = 0; minute < 5; minute++)
        {
            await using var scope = _web.CreateScope();
            queued.Add(await scope.ServiceProvider.GetRequiredService<PendingAttemptSweep>().RunAsync(CancellationToken.None));
        }

        Assert.Equal([200, 0, 0, 0, 0], queued);
        Assert.Equal(200, await CountGradingJobsAsync() - jobsBefore);
        foreach (var id in ids.Take(5))
        {
            Assert.NotNull((await _web.LoadAttemptAsync(id)).JobId);
        }
    }

    [Fact]
    public async Task AnAttemptWhoseJobWasDeletedIsQueuedAgain()
    {
        var id = await PendingAttempts.StoreAsync(_web, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, TimeSpan.FromMinutes(5));
        await using (var scope = _web.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PendingAttemptSweep>().RunAsync(CancellationToken.None);
        }
        var firstJob = (await _web.LoadAttemptAsync(id)).JobId!;
        Assert.True(Hangfire.BackgroundJobClientExtensions.Delete(_web.Services.GetRequiredService<Hangfire.IBackgroundJobClient>(), firstJob));

        int queued;
        await using (var scope = _web.CreateScope())
        {
            queued = await scope.ServiceProvider.GetRequiredService<PendingAttemptSweep>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(1, queued);
        Assert.NotEqual(firstJob, (await _web.LoadAttemptAsync(id)).JobId);
    }

    [Fact]
    public async Task AnAttemptWhoseGradingNeverFinishesEndsFailedAfterTheConfiguredTries()
    {
        // Each job of this attempt ends without grading it (deleted, as a wiped or given-up job is).
        var learner = Guid.NewGuid();
        var id = await PendingAttempts.StoreAsync(_web, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, TimeSpan.FromMinutes(5), learner);
        var jobs = _web.Services.GetRequiredService<Hangfire.IBackgroundJobClient>();
        var queued = new List<int>();
        for (var sweep = 0; sweep < 4; sweep++)
        {
            await using var scope = _web.CreateScope();
            queued.Add(await scope.ServiceProvider.GetRequiredService<PendingAttemptSweep>().RunAsync(CancellationToken.None));
            if ((await _web.LoadAttemptAsync(id)).JobId is { } job)
            {
                Hangfire.BackgroundJobClientExtensions.Delete(jobs, job);
            }
        }
        var failed = await _web.LoadAttemptAsync(id);
        var client = _web.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $"practice_learner={learner:N}");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/practice/attempts/{id}"));

        // SweepMaxTries is 3: three jobs, then Failed with its reason instead of a fourth.
        Assert.Equal([1, 1, 1, 0], queued);
        Assert.Equal(AttemptStatus.Failed, failed.Status);
        Assert.Equal(3, failed.GradingTries);
        Assert.Contains("grading was started 3 times and never finished", failed.Error);
        Assert.Equal("data", failed.Answers.Single(a => a.QuestionId == "side").Answer);
        Assert.Contains("Grading could not finish", page);
        Assert.Contains("Grading was started 3 times and never finished", page);
        Assert.Contains("Grade again", page);
    }

    [Fact]
    public async Task AStalledQueueIsSaidInReadyzAndWarnedInTheLog()
    {
        var client = _web.CreateClient();
        Assert.Equal("ready\ngrading: nothing pending\n", await client.GetStringAsync("/readyz"));
        Assert.False(await _web.Services.GetRequiredService<GradingQueueWatch>().CheckAsync(CancellationToken.None));

        // Two attempts no worker takes: stored 5 and 3 minutes ago (the web-only process queues, nobody grades).
        await PendingAttempts.StoreAsync(_web, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, TimeSpan.FromMinutes(5));
        await PendingAttempts.StoreAsync(_web, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, TimeSpan.FromMinutes(3));
        var response = await client.GetAsync("/readyz");
        var warned = await _web.Services.GetRequiredService<GradingQueueWatch>().CheckAsync(CancellationToken.None);

        // Still ready (200): a stall is detail for the operator, not a reason to stop serving.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^ready\ngrading: 2 pending, the oldest for 5m0\ds\n$", await response.Content.ReadAsStringAsync());
        Assert.True(warned);
        Assert.Contains(_web.Log.Lines, l => l.StartsWith("Warning GradingQueueWatch: Grading is behind: 2 attempt(s) pending, the oldest for 30", StringComparison.Ordinal));
    }

    private async Task<long> CountGradingJobsAsync()
    {
        await using var connection = new NpgsqlConnection(_web.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%GradeAttemptJob%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task RunJobAsync(Guid attemptId)
    {
        await using var scope = _web.CreateScope();
        await scope.ServiceProvider.GetRequiredService<GradeAttemptJob>().RunAsync(attemptId, null, CancellationToken.None);
    }

    private async Task<Attempt> WaitForGradeAsync(Guid id)
    {
        // A bound on waiting (the invisibility timeout here is 2 s), not a speed claim.
        for (var i = 0; i < 1200; i++)
        {
            var attempt = await _web.LoadAttemptAsync(id);
            if (attempt.Status != AttemptStatus.Pending)
            {
                return attempt;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"attempt {id} was not graded within 120 s");
    }

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_web.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private sealed class WebOnlyApp() : PracticeAppFactory(DatabaseName, kestrel: false)
    {
        public ListLog Log { get; } = new();

        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
            builder.UseSetting("Practice:Role", "web");
            builder.UseSetting("Practice:Grading:InlineCostLimit", "10000");
        }
    }

    private sealed class WorkerApp() : PracticeAppFactory(DatabaseName, kestrel: false, createDatabase: false)
    {
        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
            builder.UseSetting("Practice:Role", "worker");
            builder.UseSetting("Practice:Jobs:InvisibilityTimeoutSeconds", "2");
        }
    }
}

/// <summary>The app's log lines as <c>Level Category: message</c> (the category's last part), for tests that read what an operator would.</summary>
public sealed class ListLog : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLog log, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
    }
}

/// <summary>The sweep behind "stored first, then graded".</summary>
[Collection(WebAppCollection.Name)]
public sealed class PendingAttemptSweepTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAttemptLeftPendingByADeadWebProcessIsGradedAfterTheSweep()
    {
        // Arrange: an attempt stored a minute ago whose inline grading never happened.
        var id = await PendingAttempts.StoreAsync(app, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, age: TimeSpan.FromMinutes(1));

        // Act
        int queued;
        await using (var scope = app.CreateScope())
        {
            queued = await scope.ServiceProvider.GetRequiredService<PendingAttemptSweep>().RunAsync(CancellationToken.None);
        }

        // Assert: the in-process worker grades it.
        Assert.Equal(1, queued);
        for (var i = 0; i < 600; i++)
        {
            await using var scope = app.CreateScope();
            var attempt = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.AsNoTracking().SingleAsync(a => a.Id == id);
            if (attempt.IsGraded)
            {
                Assert.Equal(1, attempt.Correct);
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("the swept attempt was not graded within 60 s");
    }
}
