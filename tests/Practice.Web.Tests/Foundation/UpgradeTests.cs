using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Foundation;

/// <summary>
/// A database made by an earlier release starts under this build: its migration history is
/// recognised, the later migrations apply, and the rows it held are still served: its attempts
/// carried into <c>attempt_answers</c>.
/// </summary>
public sealed class UpgradeTests : IAsyncLifetime
{
    private const string DatabaseName = "practice_test_upgrade";
    private static readonly Guid Learner = Guid.Parse("6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d");
    private static readonly Guid GradedAttempt = Guid.Parse("0b7f3c1e-5d2a-4c9e-8f61-2a4b6c8d0e12");
    private static readonly Guid PendingAttempt = Guid.Parse("1c8e4d2f-6e3b-4dae-9a72-3b5c7d9e1f23");
    private UpgradedApp _app = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync(DatabaseName);
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "releases", "ec457e2.sql"));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(script, connection);
            await command.ExecuteNonQueryAsync();
        }
        _app = new UpgradedApp();
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task TheEarlierReleasesMigrationIsRecognisedAndNothingIsPending()
    {
        await using var scope = _app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains("20261124081213_Initial", await db.Database.GetAppliedMigrationsAsync());
        Assert.StartsWith("ready\n", await _app.CreateClient().GetStringAsync("/readyz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEarlierReleasesLessonIsServedUnchanged()
    {
        var lesson = await _app.CreateClient().GetAsync("/learn/upgrade-module/upgrade-lesson");
        var html = await lesson.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, lesson.StatusCode);
        Assert.Contains("<h1>A lesson from the previous release</h1>", html);
        Assert.Contains("<p>Imported before the upgrade.</p>", html);
    }

    [Fact]
    public async Task AGradedAttemptIsCarriedIntoOneAnswerRowPerQuestionWithItsGrade()
    {
        var attempt = await _app.LoadAttemptAsync(GradedAttempt);
        var rows = attempt.Answers.OrderBy(a => a.Position).ToList();

        Assert.Equal(AttemptStatus.Graded, attempt.Status);
        Assert.Equal(2, attempt.Correct);
        Assert.Equal(["holds", "side", "notready", "chain", "fix"], rows.Select(r => r.QuestionId));
        Assert.Equal(["multi", "single", "number", "order", "runbook"], rows.Select(r => r.Kind));
        Assert.Equal(["running,api", "control", null, null, "restart"], rows.Select(r => r.Answer));
        Assert.Equal(new bool?[] { true, false, false, false, true }, rows.Select(r => r.Correct));
        Assert.Equal(new int?[] { 100, 0, 0, 0, 100 }, rows.Select(r => r.Points));
        Assert.All(rows, r => Assert.Equal(Learner, r.LearnerId));
        Assert.All(rows, r => Assert.Equal("upgrade-module", r.ModuleId));
        Assert.All(rows, r => Assert.Equal(["kubelet"], r.Components));
        Assert.Equal("v1:fix:abc", rows[4].ReplayKey);
        var side = AnswerDetail.FromJson(rows[1].DetailJson!);
        Assert.Equal("data", side.CorrectAnswer);
        Assert.Equal(["the kubelet runs on every node: data plane"], side.Explanations);
        Assert.Equal("not answered", AnswerDetail.FromJson(rows[2].DetailJson!).Problem);
        Assert.Equal(180_000, AnswerDetail.FromJson(rows[4].DetailJson!).Actions!.Single().AtMs);
    }

    [Fact]
    public async Task ACarriedGradedAttemptsResultPageShowsItsRecordedGrade()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $"practice_learner={Learner:N}");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/practice/attempts/{GradedAttempt}"));

        Assert.Contains("2 of 5", page);
        Assert.Contains("the kubelet runs on every node: data plane", page);
    }

    [Fact]
    public async Task APendingAttemptKeepsItsAnswerForTheGraderToRead()
    {
        var attempt = await _app.LoadAttemptAsync(PendingAttempt);

        Assert.Equal("data", attempt.Answers.Single(a => a.QuestionId == "side").Answer);
        Assert.Equal(5, attempt.QuestionCount);
    }

    /// <summary>The app on the database the script made: no database of its own, migrations applied at start.</summary>
    private sealed class UpgradedApp() : PracticeAppFactory(DatabaseName, kestrel: false, createDatabase: false);
}
