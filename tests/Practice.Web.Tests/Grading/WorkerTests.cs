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
        var form = await ScenarioForm.OpenAsync(client, "big-cluster");
        var response = await form.Set("q.ready", "pods").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attemptId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(AttemptStatus.Pending, (await LoadAsync(attemptId)).Status);

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
        var response = await (await ScenarioForm.OpenAsync(client, "big-cluster")).Set("q.ready", "ready").SubmitAsync();
        var attemptId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

        await Task.WhenAll(RunJobAsync(attemptId), RunJobAsync(attemptId));
        var first = await LoadAsync(attemptId);
        await RunJobAsync(attemptId);
        var again = await LoadAsync(attemptId);

        Assert.Equal(AttemptStatus.Graded, first.Status);
        Assert.Equal(first.GradedAt, again.GradedAt);
        Assert.Equal(first.ResultJson, again.ResultJson);
        Assert.Equal(0, first.Correct);
    }

    private async Task RunJobAsync(Guid attemptId)
    {
        await using var scope = _web.CreateScope();
        await scope.ServiceProvider.GetRequiredService<GradeAttemptJob>().RunAsync(attemptId, CancellationToken.None);
    }

    private async Task<Attempt> LoadAsync(Guid id)
    {
        await using var scope = _web.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<Attempt> WaitForGradeAsync(Guid id)
    {
        // A bound on waiting (the invisibility timeout here is 2 s), not a speed claim.
        for (var i = 0; i < 1200; i++)
        {
            var attempt = await LoadAsync(id);
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
        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
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
        var id = Guid.NewGuid();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            var versionId = await db.Scenarios.Where(s => s.Id == "kubelet-stops").Select(s => s.CurrentVersionId).SingleAsync();
            db.Attempts.Add(new Attempt
            {
                Id = id, LearnerId = Guid.NewGuid(), ScenarioVersionId = versionId, IdempotencyKey = "orphan",
                AnswersJson = """{"side":"data"}""", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1), QuestionCount = 5,
            });
            await db.SaveChangesAsync();
        }

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
