using System.Diagnostics;
using System.Text.Json;

namespace Practice.Content.Tests;

/// <summary>The README's authoring commands, run through the ./practice script exactly as written there.</summary>
public sealed class PracticeScriptTests
{
    private static readonly string Root = Fixture.RepositoryRoot();

    [Fact]
    public async Task ContentCheckThroughTheScriptPassesOnTheCourse()
    {
        var (exit, stdout, stderr) = await RunAsync("content", "check");

        Assert.True(exit == 0, stderr);
        Assert.Contains("content check: OK", stdout);
        Assert.Contains("scenarios: ", stdout);
    }

    [Fact]
    public async Task TheReadmeSimExampleGradesItsAnswerRight()
    {
        var (exit, stdout, stderr) = await RunAsync(
            "sim", "content/scenarios/kube-proxy-down-one-node.md", "--json", "--answer", "holds=before,stale,slice,most-good");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var holds = json.RootElement.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "holds");
        Assert.True(holds.GetProperty("grade").GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task OnAnUnchangedTreeTheScriptRunsTheBuiltCliWithoutBuildingAgain()
    {
        // The first run builds if it must and leaves a stamp; the second finds nothing newer and does not build.
        var stamp = Path.Combine(Root, "src", "Practice.Cli", "bin", "Debug", ".practice-built");
        Assert.Equal(0, (await RunAsync("sim", "content/scenarios/kube-proxy-down-one-node.md")).Exit);
        var built = File.GetLastWriteTimeUtc(stamp);

        var (exit, stdout, _) = await RunAsync("sim", "content/scenarios/kube-proxy-down-one-node.md");

        Assert.Equal(0, exit);
        Assert.Contains("kube-proxy-down-one-node", stdout);
        Assert.Equal(built, File.GetLastWriteTimeUtc(stamp));
    }

    [Fact]
    public async Task AnUnknownVerbIsRefused()
    {
        var (exit, _, stderr) = await RunAsync("simulate");

        Assert.NotEqual(0, exit);
        Assert.Contains("unknown verb 'simulate'", stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "practice"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The test run has built Debug already; the script then only checks it is up to date.
        start.Environment["PRACTICE_CONFIGURATION"] = "Debug";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
