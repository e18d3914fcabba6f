using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Probes;

/// <summary>
/// An in-memory run for probe tests: each quantity is a piecewise-constant series keyed by its
/// probe spelling (<c>pods(web, Running)</c>, <c>api.available</c>, <c>success(web)</c>), with
/// values 1/0 for yes/no. Unset series read 0 (false). It also serves as the scenario's names.
/// </summary>
internal sealed class FakeProbeSource(long durationMs) : IProbeSource, IProbeNames
{
    private readonly Dictionary<string, List<(long At, double Value)>> series = [];
    private readonly Dictionary<(string Kind, string Subject), long> events = [];
    private readonly List<string> workloads = [];
    private readonly List<string> services = [];
    private readonly List<string> nodes = [];

    public long DurationMs => durationMs;

    public IEnumerable<string> Workloads => workloads;
    public IEnumerable<string> Services => services;
    public IEnumerable<string> Nodes => nodes;

    public FakeProbeSource WithWorkloads(params string[] names)
    {
        workloads.AddRange(names);
        return this;
    }

    public FakeProbeSource WithServices(params string[] names)
    {
        services.AddRange(names);
        return this;
    }

    public FakeProbeSource WithNodes(params string[] names)
    {
        nodes.AddRange(names);
        return this;
    }

    /// <summary>Sets a quantity: each step's value holds from its time until the next step.</summary>
    public FakeProbeSource With(string quantity, params (long At, double Value)[] steps)
    {
        series[quantity] = [.. steps.OrderBy(s => s.At)];
        return this;
    }

    public FakeProbeSource WithEvent(string kind, string subject, long at)
    {
        events[(kind, subject)] = at;
        return this;
    }

    public bool HasWorkload(string name) => workloads.Contains(name);
    public bool HasService(string name) => services.Contains(name);
    public bool HasNode(string name) => nodes.Contains(name);

    public int Pods(string workload, PodPhase? phase, NodeFilter? node, long atMs) =>
        Count($"pods({workload}{(phase is null ? "" : $", {phase}")}{Filter(node)})", atMs);

    public int Containers(string workload, NodeFilter? node, long atMs) => Count($"containers({workload}{Filter(node)})", atMs);
    public int Endpoints(string service, long atMs) => Count($"endpoints({service})", atMs);
    public int Rules(string service, string node, long atMs) => Count($"rules({service}, node = {node})", atMs);
    public int Restarts(string workload, long atMs) => Count($"restarts({workload})", atMs);
    public int SchedulerQueue(long atMs) => Count("scheduler.queue", atMs);
    public bool NodeReady(string node, long atMs) => Value($"node({node}).ready", atMs) != 0;
    public bool NodeSchedulable(string node, long atMs) => Value($"node({node}).schedulable", atMs) != 0;
    public bool NodeExists(string node, long atMs) => Value($"node({node}).exists", atMs) != 0;
    public int Leader(string component, long atMs) => (int)Value($"leader({component})", atMs);
    public bool ApiAvailable(long atMs) => Value("api.available", atMs) != 0;
    public bool ApiWritable(long atMs) => Value("api.writable", atMs) != 0;
    public bool EtcdQuorum(long atMs) => Value("etcd.quorum", atMs) != 0;
    public bool EtcdLeader(long atMs) => Value("etcd.leader", atMs) != 0;

    /// <summary>The time-weighted mean of the <c>success(S)</c> series over [from, to); 1 when unset.</summary>
    public double Success(string service, long fromMs, long toMs)
    {
        if (!series.TryGetValue($"success({service})", out var steps))
        {
            return 1;
        }
        if (toMs <= fromMs)
        {
            return Value($"success({service})", fromMs);
        }
        var total = 0.0;
        for (var t = fromMs; t < toMs;)
        {
            var next = steps.Select(s => s.At).Where(at => at > t).DefaultIfEmpty(toMs).Min();
            var end = Math.Min(next, toMs);
            total += Value($"success({service})", t) * (end - t);
            t = end;
        }
        return total / (toMs - fromMs);
    }

    public IEnumerable<long> ChangeTimes(long fromMs, long toMs) =>
        series.Values.SelectMany(s => s.Select(step => step.At)).Where(t => t >= fromMs && t <= toMs).Distinct().Order();

    public long? FirstEvent(string kind, string subject) => events.TryGetValue((kind, subject), out var at) ? at : null;

    private int Count(string key, long atMs) => (int)Value(key, atMs);

    private double Value(string key, long atMs) =>
        series.TryGetValue(key, out var steps) ? steps.LastOrDefault(s => s.At <= atMs).Value : 0;

    private static string Filter(NodeFilter? node) =>
        node is null ? "" : $", node {(node.Equal ? "=" : "!=")} {node.Node}";
}

/// <summary>Virtual times for tests: <c>At.M(3, 10)</c> is 3:10.</summary>
internal static class At
{
    public static long M(int minutes, int seconds = 0) => (minutes * 60L + seconds) * 1000;

    public static long S(int seconds) => seconds * 1000L;
}
