using System.Diagnostics;

namespace Practice.Web.Tests.Foundation;

/// <summary>The executable itself, started as an operator would start it.</summary>
public sealed class StartupTests
{
    private static readonly string WebDll = Path.Combine(AppContext.BaseDirectory, "Practice.Web.dll");

    [Fact]
    public async Task AnUnreachableDatabaseStopsTheAppWithOneLineNamingIt()
    {
        var (exitCode, stdout, stderr) = await RunAsync(["--role", "web"], "Host=127.0.0.1;Port=1;Database=nowhere;Username=practice;Password=x");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Practice: cannot reach the database at 127.0.0.1:1/nowhere: ", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.DoesNotContain("Password=x", stdout + stderr);
    }

    [Fact]
    public async Task AnUnknownRoleIsRefusedWithUsage()
    {
        var (exitCode, _, stderr) = await RunAsync(["--role", "everything"], "Host=127.0.0.1;Port=1;Database=x");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown role 'everything'", stderr);
        Assert.Contains("usage:", stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, string database)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PRACTICE_DB"] = database;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
