using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Importing;

namespace Practice.Web.Tests.Importing;

/// <summary><c>import-content DIR</c> end to end: real files, the real check, the real importer, real Postgres.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ImportCommandTests(WebAppFixture app) : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"practice-content-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        await app.ResetDatabaseAsync();
        CopyDirectory(WebAppFixture.FixtureContent, _dir);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ImportingTheSameFilesTwiceAddsNoVersions()
    {
        Assert.Equal(0, await ImportAsync());
        var first = await CountsAsync();

        Assert.Equal(0, await ImportAsync());

        Assert.Equal(first, await CountsAsync());
        Assert.Equal((1, 4, 1), (first.Lessons, first.Scenarios, first.Imports));
    }

    [Fact]
    public async Task EditingOneScenarioFileAddsExactlyOneVersion()
    {
        await ImportAsync();
        var path = Path.Combine(_dir, "scenarios", "kubelet-stops.md");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("title: The kubelet on node-2 stops", "title: The kubelet on node-2 stops (edited)"));

        Assert.Equal(0, await ImportAsync());

        var counts = await CountsAsync();
        Assert.Equal(5, counts.Scenarios); // four scenarios, one edited
        Assert.Equal(1, counts.Lessons);
    }

    [Fact]
    public async Task ABrokenFileImportsNothingAndLeavesEveryTableAsItWas()
    {
        await ImportAsync();
        var before = await CountsAsync();
        var path = Path.Combine(_dir, "scenarios", "kubelet-stops.md");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("replicas: 6", "replcas: 6").Replace("Which of these hold?", "Edited?"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "lessons", "fixture-lesson.md"), (await File.ReadAllTextAsync(Path.Combine(_dir, "lessons", "fixture-lesson.md"))) + "\nMore text.\n");
        var errors = new StringWriter();

        var exit = await ImportAsync(errors);

        Assert.Equal(2, exit);
        Assert.Contains("kubelet-stops.md:", errors.ToString());
        Assert.Contains("unknown field 'replcas'", errors.ToString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ARemovedFileIsRetiredNotDeleted()
    {
        await ImportAsync();
        File.Delete(Path.Combine(_dir, "scenarios", "big-cluster.md"));

        Assert.Equal(0, await ImportAsync());

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var retired = await db.Scenarios.SingleAsync(s => s.Id == "big-cluster");
        Assert.NotNull(retired.RetiredAt);
        Assert.Equal(4, await db.ScenarioVersions.CountAsync()); // the retired one's version is kept
    }

    private Task<int> ImportAsync(StringWriter? errors = null) =>
        ContentImportCommand.RunAsync(_dir, app.Services, TextWriter.Null, errors ?? new StringWriter(), CancellationToken.None);

    private async Task<(int Lessons, int Scenarios, int Modules, int Imports, string Current)> CountsAsync()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var current = string.Join(",", await db.Scenarios.OrderBy(s => s.Id).Select(s => s.CurrentVersionId).ToListAsync());
        return (await db.LessonVersions.CountAsync(), await db.ScenarioVersions.CountAsync(), await db.Modules.CountAsync(),
            await db.ContentImports.CountAsync(), current);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
