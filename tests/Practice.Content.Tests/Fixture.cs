using Practice.Content;
using Practice.Content.Diagnostics;

namespace Practice.Content.Tests;

internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>Every problem a scenario file has when parsed on its own, as <c>file:line:col: message</c>.</summary>
    public static IReadOnlyList<string> ScenarioProblems(string path)
    {
        var problems = new Problems();
        Content.Scenarios.Scenario.Parse(ContentFile.Read(path), problems);
        return [.. problems.Sorted().Select(p => p.ToString())];
    }

    public static Content.Scenarios.Scenario Scenario(string path)
    {
        var problems = new Problems();
        var scenario = Content.Scenarios.Scenario.Parse(ContentFile.Read(path), problems);
        Assert.True(scenario is not null, string.Join("\n", problems.All));
        return scenario!;
    }

    /// <summary>Parses scenario text written in a test (file name "inline.md").</summary>
    public static (Content.Scenarios.Scenario? Scenario, IReadOnlyList<string> Problems) Inline(string text)
    {
        var problems = new Problems();
        var scenario = Content.Scenarios.Scenario.Parse(ContentFile.FromText("inline.md", text), problems);
        return (scenario, [.. problems.Sorted().Select(p => p.ToString())]);
    }

    /// <summary>The repository root (where Practice.sln is), found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Practice.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Practice.sln not found above " + AppContext.BaseDirectory);
    }
}
