using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Importing;

namespace Practice.Web.Tests.Importing;

[Collection(WebAppCollection.Name)]
public sealed class ContentImporterTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ImportingTheSameContentTwiceAddsNoVersions()
    {
        var first = await ImportAsync(ContentSnapshots.Course());
        var second = await ImportAsync(ContentSnapshots.Course());

        Assert.Equal((2, 2), (first.LessonVersionsAdded, first.ScenarioVersionsAdded));
        Assert.False(second.ChangedAnything);
        Assert.Equal((2, 2, 1), await CountsAsync());
    }

    [Fact]
    public async Task EditingOneScenarioAddsExactlyOneVersionAndMakesItCurrent()
    {
        await ImportAsync(ContentSnapshots.Course());

        var summary = await ImportAsync(ContentSnapshots.Course(
            ContentSnapshots.Scenario("apiserver-down", "v2"), ContentSnapshots.Scenario("kubelet-down", "v1")));

        Assert.Equal(1, summary.ScenarioVersionsAdded);
        Assert.Equal(0, summary.LessonVersionsAdded);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        Assert.Equal(3, await db.ScenarioVersions.CountAsync());
        var current = await db.Scenarios.Where(s => s.Id == "apiserver-down").Select(s => s.CurrentVersion!.Title).SingleAsync();
        Assert.Equal("Scenario apiserver-down (v2)", current);
    }

    [Fact]
    public async Task ARemovedFileIsRetiredAndItsOldAttemptsStillResolveToTheirVersion()
    {
        await ImportAsync(ContentSnapshots.Course());
        var attemptId = Guid.NewGuid();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            var versionId = await db.Scenarios.Where(s => s.Id == "kubelet-down").Select(s => s.CurrentVersionId).SingleAsync();
            db.Attempts.Add(Attempt.Submit(attemptId, Guid.NewGuid(), versionId, "k1", DateTimeOffset.UtcNow, 1, []));
            await db.SaveChangesAsync();
        }

        var summary = await ImportAsync(ContentSnapshots.Course(ContentSnapshots.Scenario("apiserver-down", "v1")));

        Assert.Equal(1, summary.Retired);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            var retired = await db.Scenarios.SingleAsync(s => s.Id == "kubelet-down");
            Assert.NotNull(retired.RetiredAt);
            var attempt = await db.Attempts.Include(a => a.ScenarioVersion).SingleAsync(a => a.Id == attemptId);
            Assert.Equal("kubelet-down", attempt.ScenarioVersion!.ScenarioId);
            Assert.Contains("v1", attempt.ScenarioVersion.Source);
        }
    }

    [Fact]
    public async Task AFileThatComesBackIsUnretiredWithoutANewVersion()
    {
        await ImportAsync(ContentSnapshots.Course());
        await ImportAsync(ContentSnapshots.Course(ContentSnapshots.Scenario("apiserver-down", "v1")));

        var summary = await ImportAsync(ContentSnapshots.Course());

        Assert.Equal(0, summary.ScenarioVersionsAdded);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        Assert.Null((await db.Scenarios.SingleAsync(s => s.Id == "kubelet-down")).RetiredAt);
    }

    private async Task<ImportSummary> ImportAsync(ContentSnapshot snapshot)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(snapshot, CancellationToken.None);
    }

    private async Task<(int LessonVersions, int ScenarioVersions, int Modules)> CountsAsync()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        return (await db.LessonVersions.CountAsync(), await db.ScenarioVersions.CountAsync(), await db.Modules.CountAsync());
    }
}
