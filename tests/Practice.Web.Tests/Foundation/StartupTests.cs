using System.Diagnostics;
using Practice.Web.Infrastructure;

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

    [Fact]
    public async Task AMalformedRedisSettingStopsTheAppWithOneLineNamingIt()
    {
        var (exitCode, stdout, stderr) = await RunAsync(["--role", "web"], "Host=127.0.0.1;Port=1;Database=nowhere", redis: "127.0.0.1:6379,speed=fast");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Practice: PRACTICE_REDIS is not a Redis configuration string (", line);
        Assert.Contains("speed", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public void TwoReplicasPoolsStayUnderPostgresDefaultConnectionLimitUnlessTheConnectionStringSays()
    {
        // PostgreSQL's defaults: max_connections 100, of which 3 are kept for superusers.
        var app = new Npgsql.NpgsqlConnectionStringBuilder(Database.ForApp("Host=db;Database=practice")).MaxPoolSize;
        var jobs = new Npgsql.NpgsqlConnectionStringBuilder(Database.ForJobs("Host=db;Database=practice", workers: 2)).MaxPoolSize;
        Assert.True(2 * (app + jobs) <= 97, $"two replicas may open {2 * (app + jobs)} connections");

        Assert.Equal(7, new Npgsql.NpgsqlConnectionStringBuilder(Database.ForApp("Host=db;MaxPoolSize=7")).MaxPoolSize);
        Assert.Equal(7, new Npgsql.NpgsqlConnectionStringBuilder(Database.ForJobs("Host=db;Maximum Pool Size=7", workers: 2)).MaxPoolSize);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, string database, string? redis = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PRACTICE_DB"] = database;
        if (redis is not null)
        {
            start.Environment["PRACTICE_REDIS"] = redis;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
