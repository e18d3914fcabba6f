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
