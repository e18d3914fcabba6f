using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Practice.Data;
using Practice.Testing;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// A worker-only process killed with SIGKILL while it grades, as an operator's OOM killer or a
/// node loss would: a live worker takes its jobs over without waiting on the locks the dead one
/// held, and every attempt, those submitted after the kill too, is graded within a minute of it.
/// The timeouts are the app's defaults (Jobs.cs), not shortened for the test.
/// </summary>
public sealed class WorkerKillTests : IAsyncLifetime
{
    private const string DatabaseName = "practice_test_worker_kill";
    private static readonly string WebDll = Path.Combine(AppContext.BaseDirectory, "Practice.Web.dll");
    private readonly WebOnlyApp _web = new();

    public async Task InitializeAsync()
    {
        await _web.InitializeAsync();
        await _web.ImportContentAsync(WebAppFixture.FixtureContent);
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task EveryAttemptIsGradedWithinAMinuteOfAWorkerBeingKilledMidGrade()
    {
        var client = _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = new List<Guid>();
        // Enough heavy grades that the worker is busy when killed, few enough that a live worker
        // on a loaded test machine grades the rest well inside the minute.
        for (var i = 0; i < 6; i++)
        {
            before.Add(await SubmitAsync(client, "big-cluster", "q.ready", i % 2 == 0 ? "pods" : "ready"));
        }
        using var worker = StartWorker();
        // Kill it once it has fetched jobs and is grading them (the web process grades nothing here).
        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM hangfire.jobqueue WHERE fetchedat IS NOT NULL") > 0, TimeSpan.FromSeconds(60), "the worker process fetched no job");
        var fetched = await ScalarAsync("SELECT count(*) FROM hangfire.jobqueue WHERE fetchedat IS NOT NULL");
        worker.Kill(entireProcessTree: true); // SIGKILL: no shutdown, its fetched jobs and locks stay behind
        var killedAt = Stopwatch.StartNew();
        await worker.WaitForExitAsync();
        // Killed in the middle of a state change, a worker leaves that job's state lock taken (as the
        // load run behind this test saw): the kill cannot be timed to land there every run, so the
        // rows it leaves are written for each job it had fetched, taken at the moment of the kill.
        await ScalarAsync("""
            INSERT INTO hangfire.lock (resource, updatecount, acquired)
            SELECT 'hangfire:job:' || jobid || ':state-lock', 0, now() FROM hangfire.jobqueue WHERE fetchedat IS NOT NULL
            ON CONFLICT DO NOTHING
            """);

        // A live worker (this test's process, the app's default timeouts), and learners still submitting.
        await using var live = new WorkerApp();
        await live.InitializeAsync();
        var after = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            after.Add(await SubmitAsync(client, "kubelet-stops", "q.side", "data"));
        }

        // A bound on waiting that is the requirement itself: a minute after the kill.
        var all = before.Concat(after).ToList();
        await WaitUntilAsync(async () => (await Task.WhenAll(all.Select(_web.LoadAttemptAsync))).All(a => a.Status != AttemptStatus.Pending),
            TimeSpan.FromSeconds(60) - killedAt.Elapsed, "attempts still pending a minute after the kill");
        Console.WriteLine($"every attempt graded {killedAt.Elapsed.TotalSeconds:F1} s after the kill");
        var attempts = await Task.WhenAll(all.Select(_web.LoadAttemptAsync));

        Assert.True(fetched > 0);
        Assert.All(attempts, a => Assert.Equal(AttemptStatus.Graded, a.Status));
        Assert.All(attempts, a => Assert.Equal("worker", a.GradedBy));
        // big-cluster's "ready" question: "pods" is the right answer, "ready" the wrong one; kubelet-stops' "side": "data" is right.
        Assert.Equal(before.Count(b => before.IndexOf(b) % 2 == 0) + after.Count, attempts.Count(a => a.Correct == 1));
    }

    [Fact]
    public async Task AWorkerStartsAndGradesThoughAKilledProcessLeftTheSweepScheduleLocked()
    {
        // A process killed while it registered the sweep's schedule (every process does, starting)
        // leaves that lock's row behind; the next process to start waits on it.
        await ScalarAsync("""
            INSERT INTO hangfire.lock (resource, updatecount, acquired)
            VALUES ('hangfire:lock:recurring-job:pending-attempt-sweep', 0, now())
            ON CONFLICT DO NOTHING
            """);

        await using var live = new WorkerApp();
        await live.InitializeAsync(); // threw "Timeout expired … distributed lock" before
        var client = _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var attempt = await SubmitAsync(client, "kubelet-stops", "q.side", "data");
        await WaitUntilAsync(async () => (await _web.LoadAttemptAsync(attempt)).Status != AttemptStatus.Pending, TimeSpan.FromSeconds(60), "the attempt was not graded");
        Assert.Equal(("worker", 1), ((await _web.LoadAttemptAsync(attempt)).GradedBy, (await _web.LoadAttemptAsync(attempt)).Correct));
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, string scenario, string field, string answer)
    {
        var response = await (await PageForm.OpenAsync(client, scenario)).Set(field, answer).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return PageForm.AttemptIdOf(response);
    }

    private Process StartWorker()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = false, RedirectStandardError = false, UseShellExecute = false };
        foreach (var arg in (string[])[WebDll, "--role", "worker", "--contentRoot", Path.GetDirectoryName(WebDll)!])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PRACTICE_DB"] = _web.ConnectionString;
        start.Environment["PRACTICE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_web.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan within, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > within)
            {
                throw new TimeoutException(failure);
            }
            await Task.Delay(200);
        }
    }

    private sealed class WebOnlyApp() : PracticeAppFactory(DatabaseName, kestrel: false)
    {
        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
            builder.UseSetting("Practice:Role", "web");
            builder.UseSetting("Practice:Grading:InlineCostLimit", "0"); // every attempt to the workers
        }
    }

    private sealed class WorkerApp() : PracticeAppFactory(DatabaseName, kestrel: false, createDatabase: false)
    {
        protected override void ConfigureTestServices(IWebHostBuilder builder) => builder.UseSetting("Practice:Role", "worker");
    }
}
