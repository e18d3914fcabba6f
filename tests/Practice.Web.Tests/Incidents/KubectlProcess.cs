using System.Diagnostics;

namespace Practice.Web.Tests.Incidents;

/// <summary>
/// Runs the real kubectl against an incident of the app on its loopback port, with a throwaway
/// cache and an empty kubeconfig, and returns its exit status and both streams.
/// </summary>
public sealed class KubectlProcess(Uri server) : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"kubectl-cache-{Guid.NewGuid():N}");
    private readonly string _kubeconfig = CreateEmptyFile();

    private static string CreateEmptyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, "");
        return path;
    }

    public Task<(int Exit, string Out, string Err)> RunAsync(string incident, params string[] args) =>
        RunLocalAsync(["--server", new Uri(server, $"/incidents/{incident}").ToString(), .. args]);

    /// <summary>kubectl with the empty kubeconfig and no server of its own: for what it does locally (<c>--dry-run=client</c>).</summary>
    public async Task<(int Exit, string Out, string Err)> RunLocalAsync(string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--kubeconfig", _kubeconfig, "--cache-dir", _cache, "--request-timeout", "20s", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("these tests run the real kubectl, which is not installed here (apt-get install kubectl)", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            // A bound on waiting for a process, not a speed claim.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }

    public void Dispose()
    {
        File.Delete(_kubeconfig);
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }
}
