using Practice.Content;

namespace Practice.Content.Tests;

public class ContentLoaderTests
{
    private static readonly ContentLoadOptions WithoutRunning = new() { RunScenarios = false };

    [Fact]
    public void DuplicateLessonAndScenarioIdsAndUnknownModulesAreAllReported()
    {
        var dir = Fixture.Path("content");

        var result = ContentLoader.Load(dir, WithoutRunning);

        string P(params string[] parts) => Path.Combine([dir, .. parts]);
        Assert.Equal(
            [
                $"{P("lessons", "elsewhere.md")}:3:9: unknown module 'control-plan-data-plane'; did you mean 'control-plane-data-plane'? (see course.yml)",
                $"{P("lessons", "split.md")}:2:5: duplicate lesson id 'split' (also in {P("lessons", "split-again.md")})",
                $"{P("scenarios", "dup-b.md")}:2:5: duplicate scenario id 'same-id' (also in {P("scenarios", "dup-a.md")})",
                $"{P("scenarios", "wrong-module.md")}:4:9: unknown module 'schedulng'; did you mean 'scheduling'? (see course.yml)",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void TheCourseListsItsModulesInOrder()
    {
        var result = ContentLoader.Load(Fixture.Path("content"), WithoutRunning);

        Assert.NotNull(result.Course);
        Assert.Equal(["control-plane-data-plane", "scheduling"], result.Course!.Modules.Select(m => m.Id));
        Assert.Equal([1, 2], result.Course.Modules.Select(m => m.Order));
    }

    [Fact]
    public void LoadedFilesCarryTheirHashAndRawText()
    {
        var result = ContentLoader.Load(Fixture.Path("content"), WithoutRunning);

        var lesson = Assert.Single(result.Lessons, l => l.Id == "split");
        Assert.Matches("^[0-9a-f]{64}$", lesson.ContentHash);
        Assert.Equal(File.ReadAllText(lesson.SourcePath), lesson.RawText);
        Assert.Equal(["the-split"], lesson.Toc.Select(t => t.Anchor));
    }

    [Fact]
    public void AMissingDirectoryIsAnError()
    {
        var result = ContentLoader.Load(Fixture.Path("no-such-dir"), WithoutRunning);

        Assert.Equal($"{Fixture.Path("no-such-dir")}:1:1: no such content directory", Assert.Single(result.Errors).ToString());
    }
}
