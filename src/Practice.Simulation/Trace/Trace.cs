using Practice.Simulation.Probes;

namespace Practice.Simulation;

/// <summary>A workload of the run and the Service in front of it (null for none).</summary>
public sealed record TraceWorkload(string Name, string Kind, string? Service);

/// <summary>
/// What a run produced: the event log and the time series, answering every probe query.
/// </summary>
/// <remarks>
/// Every query reads only what <see cref="ToJson"/> stores, so a trace read back with
/// <see cref="FromJson"/> answers identically. Queries are binary searches over change lists
/// (O(log n)); the probe evaluator calls them at every change time.
/// </remarks>
public sealed class Trace : IProbeSource
{
    private readonly Dictionary<string, TimeSeries> series;
    private readonly HashSet<string> nodeNames;
    private readonly HashSet<string> workloadNames;
    private readonly HashSet<string> serviceNames;
    private Dictionary<(string Kind, string Subject), long>? firstEvents;
    private long[]? changeTimes;

    internal Trace(
        string scenarioId,
        int seed,
        string kubernetesVersion,
        long durationMs,
        IReadOnlyList<string> nodes,
        IReadOnlyList<TraceWorkload> workloads,
        IReadOnlyList<TraceEvent> events,
        Dictionary<string, TimeSeries> series,
        IReadOnlyList<IReadOnlyDictionary<string, int>> proxySnapshots,
        long eventsProcessed)
    {
        ScenarioId = scenarioId;
        Seed = seed;
        KubernetesVersion = kubernetesVersion;
        DurationMs = durationMs;
        Nodes = nodes;
        Workloads = workloads;
        Events = events;
        this.series = series;
        ProxySnapshots = proxySnapshots;
        EventsProcessed = eventsProcessed;
        nodeNames = [.. nodes];
        workloadNames = [.. workloads.Select(w => w.Name)];
        serviceNames = [.. workloads.Select(w => w.Service).OfType<string>()];
    }

    public string ScenarioId { get; }
    public int Seed { get; }
    public string KubernetesVersion { get; }
    public long DurationMs { get; }

    /// <summary>Every node that existed at some point of the run, in creation order.</summary>
    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<TraceWorkload> Workloads { get; }

    public IEnumerable<string> Services => Workloads.Select(w => w.Service).OfType<string>().Distinct();

    /// <summary>The event log, in time order.</summary>
    public IReadOnlyList<TraceEvent> Events { get; }

    /// <summary>Time series by name; see <see cref="SeriesKeys"/> for the names.</summary>
    public IReadOnlyDictionary<string, TimeSeries> Series => series;

    /// <summary>Endpoint counts per Service frozen in a kube-proxy that lost its watch (indexed by proxy mode).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, int>> ProxySnapshots { get; }

    /// <summary>Kernel events the run processed (for benchmarks; not a probe quantity).</summary>
    public long EventsProcessed { get; }

    /// <summary>Fault, recovery and action markers for charts.</summary>
    public IEnumerable<TraceEvent> Markers => Events.Where(e =>
        e.Kind is TraceEventKinds.FaultInjected or TraceEventKinds.FaultRecovered or TraceEventKinds.ActionTaken or TraceEventKinds.ActionFailed);

    /// <summary>Requests sent and succeeded to a Service in each whole second of the run (for charts).</summary>
    public IReadOnlyList<(long Second, double Sent, double Ok)> TrafficPerSecond(string service)
    {
        var result = new List<(long, double, double)>();
        for (long s = 0; s * 1000 < DurationMs; s++)
        {
            var from = s * 1000;
            var to = Math.Min(DurationMs, from + 1000);
            result.Add((s, Integral(SeriesKeys.TrafficSent(service), from, to) / 1e6, Integral(SeriesKeys.TrafficOk(service), from, to) / 1e6));
        }
        return result;
    }

    public bool HasWorkload(string name) => workloadNames.Contains(name);
    public bool HasService(string name) => serviceNames.Contains(name);
    public bool HasNode(string name) => nodeNames.Contains(name);

    public int Pods(string workload, PodPhase? phase, NodeFilter? node, long atMs)
    {
        if (node is null)
        {
            return (int)Value(SeriesKeys.Pods(workload, phase, SeriesKeys.AllNodes), atMs);
        }
        var onNode = Value(SeriesKeys.Pods(workload, phase, node.Node), atMs);
        return (int)(node.Equal ? onNode : Value(SeriesKeys.Pods(workload, phase, SeriesKeys.AllNodes), atMs) - onNode);
    }

    public int Containers(string workload, NodeFilter? node, long atMs)
    {
        if (node is null)
        {
            return (int)Value(SeriesKeys.Containers(workload, SeriesKeys.AllNodes), atMs);
        }
        var onNode = Value(SeriesKeys.Containers(workload, node.Node), atMs);
        return (int)(node.Equal ? onNode : Value(SeriesKeys.Containers(workload, SeriesKeys.AllNodes), atMs) - onNode);
    }

    public int Endpoints(string service, long atMs) => (int)Value(SeriesKeys.Endpoints(service), atMs);

    public int Rules(string service, string node, long atMs)
    {
        if (!series.ContainsKey(SeriesKeys.ProxyMode(node)))
        {
            return 0;
        }
        var mode = Value(SeriesKeys.ProxyMode(node), atMs);
        if (mode == SeriesKeys.ProxyInSync)
        {
            return (int)Value(SeriesKeys.SharedRules(service), atMs);
        }
        if (mode >= 0 && mode < ProxySnapshots.Count)
        {
            return ProxySnapshots[(int)mode].TryGetValue(service, out var count) ? count : 0;
        }
        return 0;
    }

    public double Success(string service, long fromMs, long toMs)
    {
        // Series hold their last value forever; nothing is sent after the end of the run.
        toMs = Math.Min(toMs, DurationMs);
        var sent = Integral(SeriesKeys.TrafficSent(service), fromMs, toMs);
        if (sent <= 0)
        {
            return 1;
        }
        return Integral(SeriesKeys.TrafficOk(service), fromMs, toMs) / sent;
    }

    public int Restarts(string workload, long atMs) => (int)Value(SeriesKeys.Restarts(workload), atMs);

    public int SchedulerQueue(long atMs) => (int)Value(SeriesKeys.SchedulerQueue, atMs);

    public bool NodeReady(string node, long atMs) => Value(SeriesKeys.NodeReady(node), atMs) != 0;
    public bool NodeSchedulable(string node, long atMs) => Value(SeriesKeys.NodeSchedulable(node), atMs) != 0;
    public bool NodeExists(string node, long atMs) => Value(SeriesKeys.NodeExists(node), atMs) != 0;
    public int Leader(string component, long atMs) => (int)Value(SeriesKeys.Leader(component), atMs);
    public bool ApiAvailable(long atMs) => Value(SeriesKeys.ApiAvailable, atMs) != 0;
    public bool ApiWritable(long atMs) => Value(SeriesKeys.ApiWritable, atMs) != 0;
    public bool EtcdQuorum(long atMs) => Value(SeriesKeys.EtcdQuorum, atMs) != 0;
    public bool EtcdLeader(long atMs) => Value(SeriesKeys.EtcdLeader, atMs) != 0;

    public IEnumerable<long> ChangeTimes(long fromMs, long toMs)
    {
        var all = changeTimes ??= MergeChangeTimes();
        var i = Array.BinarySearch(all, fromMs);
        if (i < 0)
        {
            i = ~i;
        }
        for (; i < all.Length && all[i] <= toMs; i++)
        {
            yield return all[i];
        }
    }

    public long? FirstEvent(string kind, string subject)
    {
        if (firstEvents is null)
        {
            var first = new Dictionary<(string, string), long>();
            foreach (var e in Events)
            {
                first.TryAdd((e.Kind, e.Subject), e.AtMs);
            }
            firstEvents = first;
        }
        if (firstEvents.TryGetValue((kind, subject), out var at))
        {
            return at;
        }
        // etcd's Raft elections are logged as EtcdLeaderElected; LeaderElected(etcd) means the same.
        return kind == TraceEventKinds.LeaderElected && subject == "etcd" && firstEvents.TryGetValue((TraceEventKinds.EtcdLeaderElected, "etcd"), out at)
            ? at
            : null;
    }

    /// <summary>Compact, deterministic JSON: the same run always gives the same bytes.</summary>
    public string ToJson() => TraceJson.Write(this);

    /// <summary>Reads a trace written by <see cref="ToJson"/>.</summary>
    public static Trace FromJson(string json) => TraceJson.Read(json);

    internal IEnumerable<KeyValuePair<string, TimeSeries>> SeriesInOrder()
    {
        var keys = series.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            yield return new KeyValuePair<string, TimeSeries>(key, series[key]);
        }
    }

    private long Value(string key, long atMs) => series.TryGetValue(key, out var s) ? s.ValueAt(atMs) : 0;

    private double Integral(string key, long fromMs, long toMs) =>
        series.TryGetValue(key, out var s) ? s.Integral(fromMs, toMs) : 0;

    private long[] MergeChangeTimes()
    {
        var set = new HashSet<long> { 0 };
        foreach (var s in series.Values)
        {
            foreach (var t in s.RawTimes)
            {
                set.Add(t);
            }
        }
        var all = set.ToArray();
        Array.Sort(all);
        return all;
    }
}
