using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Practice.Data;
using Practice.Testing;

namespace Practice.Web.Tests.Foundation;

/// <summary>
/// A database made by an earlier release starts under this build: its migration history is
/// recognised (nothing pending, nothing re-applied) and the rows it held are still served.
/// </summary>
public sealed class UpgradeTests : IAsyncLifetime
{
    private const string DatabaseName = "practice_test_upgrade";
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
        Assert.Contains("20261124081213_Initial", await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("ready\n", await _app.CreateClient().GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task TheEarlierReleasesRowsAreServedUnchanged()
    {
        var client = _app.CreateClient();

        var lesson = await client.GetAsync("/learn/upgrade-module/upgrade-lesson");
        var html = await lesson.Content.ReadAsStringAsync();
        await using var scope = _app.CreateScope();
        var attempt = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.AsNoTracking()
            .SingleAsync(a => a.Id == Guid.Parse("0b7f3c1e-5d2a-4c9e-8f61-2a4b6c8d0e12"));

        Assert.Equal(HttpStatusCode.OK, lesson.StatusCode);
        Assert.Contains("<h1>A lesson from the previous release</h1>", html);
        Assert.Contains("<p>Imported before the upgrade.</p>", html);
        Assert.Equal(AttemptStatus.Graded, attempt.Status);
        Assert.Equal(Guid.Parse("6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d"), attempt.LearnerId);
        Assert.Equal("{\"holds\": [\"a\"]}", attempt.AnswersJson);
        Assert.Equal(1, attempt.Correct);
    }

    /// <summary>The app on the database the script made: no database of its own, migrations applied at start.</summary>
    private sealed class UpgradedApp() : PracticeAppFactory(DatabaseName, kestrel: false, createDatabase: false);
}
