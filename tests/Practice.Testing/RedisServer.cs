using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Practice.Testing;

/// <summary>
/// A real <c>redis-server</c> on loopback for the scale-out tests. <c>./practice test</c> starts
/// one for the run and names it in <c>PRACTICE_TEST_REDIS</c> (<see cref="Shared"/>); a test that
/// stops Redis mid-session starts one of its own (<see cref="StartAsync"/>), which it can stop and
/// start again on the same port. Nothing is saved to disk.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port, bool owned)
    {
        Port = port;
        Owned = owned;
    }

    public int Port { get; }

    /// <summary>False for the run's shared server: this object never stops it.</summary>
    public bool Owned { get; }

    /// <summary>What <c>PRACTICE_REDIS</c> would say: a StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>The binary <c>./practice test</c> found (or installed); Debian's path otherwise.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("PRACTICE_REDIS_SERVER") is { Length: > 0 } binary ? binary : "/usr/bin/redis-server";

    /// <summary>The run's Redis from <c>./practice test</c>, or one of this test's own when run by hand.</summary>
    public static async Task<RedisServer> SharedAsync()
    {
        if (Environment.GetEnvironmentVariable("PRACTICE_TEST_REDIS") is { Length: > 0 } shared)
        {
            var server = new RedisServer(int.Parse(shared[(shared.LastIndexOf(':') + 1)..]), owned: false);
            await server.WaitUntilAnsweringAsync();
            return server;
        }
        return await StartAsync();
    }

    /// <summary>A new server on a free loopback port, answering PING when this returns.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort(), owned: true);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the owned server (again) on its port.</summary>
    public async Task StartAgainAsync()
    {
        if (!Owned)
        {
            throw new InvalidOperationException("the shared Redis belongs to ./practice test");
        }
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: ./practice test installs redis-server (apt-get install redis-server)");
        }
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();
    }

    /// <summary>Stops the owned server at once, as a crash would (no goodbye to its clients).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Owned)
        {
            await StopAsync();
        }
    }

    /// <summary>Sends PING until the server answers PONG (at most 10 s).</summary>
    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"redis-server on 127.0.0.1:{Port} did not answer PING within 10 s");
            }
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
