using System.Diagnostics;
using System.Net;

namespace Practice.Web.Tests.Account;

/// <summary><c>./practice admin</c> as an operator types it, against the test database (PRACTICE_DB).</summary>
[Collection(WebAppCollection.Name)]
public sealed class AdminScriptTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreatePrintsAOneTimePasswordThatSignsInAndResetLinkPrintsAWorkingLink()
    {
        var (created, createOut, createErr) = await PracticeAsync("admin", "create", "script-admin@example.com");
        Assert.True(created == 0, createErr);
        var lines = createOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Practice: administrator script-admin@example.com created.", lines[0]);
        var password = lines[1]["One-time password: ".Length..];
        Assert.Equal(20, password.Length);
        Assert.Equal(3, lines.Length);

        var (linked, linkOut, _) = await PracticeAsync("admin", "reset-link", "script-admin@example.com");
        var (missing, _, missingErr) = await PracticeAsync("admin", "reset-link", "nobody@example.com");

        Assert.Equal(0, linked);
        var link = new Uri(linkOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal("https://practice.example.org/account/reset-password", link.GetLeftPart(UriPartial.Path));
        Assert.Equal(1, missing);
        Assert.Contains("no account has the address nobody@example.com", missingErr);
        var admin = new Visitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("script-admin@example.com", password)).StatusCode);
        Assert.Equal("/account/password", (await admin.Client.GetAsync("/admin/jobs")).Headers.Location!.OriginalString);
        var reset = await (await PageForm.OpenAsync(new Visitor(app).Client, link.PathAndQuery, "name=\"Password\"")).Set("Password", "chosen by the admin").SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Fact]
    public async Task AMissingAddressIsRefusedWithTheUsage()
    {
        var (exit, _, stderr) = await PracticeAsync("admin", "create");

        Assert.Equal(1, exit);
        Assert.Contains("usage: ./practice admin create EMAIL", stderr);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> PracticeAsync(params string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Practice.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("no Practice.sln above the test directory");
        }
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root.FullName, "practice"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The test run has built Debug already; the script then only checks it is up to date.
        start.Environment["PRACTICE_CONFIGURATION"] = "Debug";
        start.Environment["PRACTICE_DB"] = app.ConnectionString;
        start.Environment["PRACTICE_PUBLIC_URL"] = "https://practice.example.org";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
