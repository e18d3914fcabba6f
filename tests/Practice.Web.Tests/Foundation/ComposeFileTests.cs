using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Practice.Web.Tests.Foundation;

/// <summary>
/// docker-compose.yml describes a scaled-out deployment: Redis, two web replicas behind a sticky
/// proxy, workers. No Docker engine runs here, so the file is read as YAML; when the compose
/// client (or HAProxy) is installed, it checks the file itself too.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void TwoWebReplicasShareRedisBehindAStickyProxyAndOnlyOneMigrates()
    {
        var services = Map(Compose()["services"]);
        Assert.Equal(["postgres", "proxy", "redis", "web-a", "web-b", "worker"], services.Keys.Order());

        foreach (var name in new[] { "web-a", "web-b" })
        {
            var web = Map(services[name]);
            Assert.Equal(["--role", "web"], List(web["command"]).Take(2));
            var environment = Map(web["environment"]);
            Assert.Equal("redis:6379", environment["PRACTICE_REDIS"]);
            Assert.StartsWith("Host=postgres;", (string)environment["PRACTICE_DB"]);
        }
        Assert.Contains("--migrate", List(Map(services["web-a"])["command"]));
        Assert.DoesNotContain("--migrate", List(Map(services["web-b"])["command"]));
        Assert.Equal(["--role", "worker"], List(Map(services["worker"])["command"]));

        // The proxy's fixed address is the one the replicas believe X-Forwarded-For from.
        var proxy = Map(services["proxy"]);
        var proxyAddress = Assert.IsType<string>(Map(Map(proxy["networks"])["practice"])["ipv4_address"]);
        Assert.Equal(proxyAddress, Map(Map(services["web-a"])["environment"])["Practice__KnownProxies"]);
        Assert.Equal(["./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"], List(proxy["volumes"]));
        Assert.Equal(["127.0.0.1:5080:8080"], List(proxy["ports"]));
    }

    [Fact]
    public void PostgresAcceptsEveryConnectionTheProcessesMayOpen()
    {
        var services = Map(Compose()["services"]);
        var processes = 2 + int.Parse((string)Map(Map(services["worker"])["deploy"])["replicas"]);
        var command = List(Map(services["postgres"])["command"]);
        var maxConnections = int.Parse(command.Single(c => c.StartsWith("max_connections=", StringComparison.Ordinal)).Split('=')[1]);
        // Up to 8 Hangfire workers a process (one per core, at least 2); PostgreSQL keeps 3 connections for superusers.
        var perProcess = new Npgsql.NpgsqlConnectionStringBuilder(Practice.Web.Infrastructure.Database.ForApp("Host=postgres")).MaxPoolSize
            + new Npgsql.NpgsqlConnectionStringBuilder(Practice.Web.Infrastructure.Database.ForJobs("Host=postgres", workers: 8)).MaxPoolSize;
        Assert.True(processes * perProcess <= maxConnections - 3, $"{processes} processes may open {processes * perProcess} connections; max_connections is {maxConnections}");
    }

    [Fact]
    public void TheProxySticksABrowserToOneReplicaByCookieAndKnowsBoth()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "haproxy.cfg")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var cookie = lines.Single(l => l.StartsWith("cookie ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal(("practice_replica", "insert"), (cookie[1], cookie[2]));
        var servers = lines.Where(l => l.StartsWith("server ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        Assert.Equal(["web-a:8080", "web-b:8080"], servers.Select(s => s[2]));
        // Each replica has a cookie value of its own.
        Assert.Equal(2, servers.Select(s => s[Array.IndexOf(s, "cookie") + 1]).Distinct().Count());

        if (Installed("haproxy", "-v"))
        {
            var (status, output) = Run("haproxy", "-c", "-f", Path.Combine(Root, "deploy", "haproxy.cfg"));
            Assert.True(status == 0, output);
        }
    }

    [Fact]
    public void TheComposeClientAcceptsTheFileWhenItIsInstalled()
    {
        // The test runs everywhere; `docker compose config` only where the compose client is.
        Assert.NotEmpty(Map(Compose()["services"]));
        if (Installed("docker", "compose", "version"))
        {
            var (status, output) = Run("docker", "compose", "-f", Path.Combine(Root, "docker-compose.yml"), "config", "--quiet");
            Assert.True(status == 0, output);
        }
    }

    private static Dictionary<object, object> Compose()
    {
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        // Anchors and merge keys (<<) as compose reads them.
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<string> List(object node) => Assert.IsType<List<object>>(node).Cast<string>().ToList();

    private static bool Installed(string program, params string[] arguments)
    {
        try
        {
            return Run(program, arguments).Status == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static (int Status, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors);
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Practice.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("no Practice.sln above the test directory");
        }
        return root.FullName;
    }
}
