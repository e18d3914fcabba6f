using Practice.Simulation.Cluster;
using Practice.Simulation.Probes;

namespace Practice.Simulation;

/// <summary>
/// Collects the event log and the series while the engine runs, keyed by small integers
/// (names are only built once, at the end), then produces the <see cref="Trace"/>.
/// </summary>
/// <remarks>
/// The log keeps the first <see cref="MaxEventsPerKindAndSubject"/> events of each kind and subject
/// and counts the rest: at 150,000 pods a full per-pod log would dwarf the series, and probes only
/// ever read the first occurrence.
/// </remarks>
internal sealed class TraceRecorder
{
    public const int MaxEventsPerKindAndSubject = 500;

    private enum SeriesKind : long
    {
        Global, Pods, Containers, Restarts, Endpoints, SharedRules, ProxyMode, NodeReady, NodeSchedulable, NodeRunning, TrafficSent, TrafficOk, NodeExists,
    }

    /// <summary>The "every phase" slot, past the last phase.</summary>
    public static readonly int StatusAll = Enum.GetValues<PodPhase>().Length;

    private static readonly string[] GlobalNames =
    [
        SeriesKeys.ApiAvailable, SeriesKeys.ApiWritable, SeriesKeys.EtcdQuorum, SeriesKeys.EtcdLeader, SeriesKeys.SchedulerQueue,
        SeriesKeys.Leader("kube-scheduler"), SeriesKeys.Leader("kube-controller-manager"), SeriesKeys.Leader("cloud-controller-manager"), SeriesKeys.Leader("etcd"),
    ];

    public const int ApiAvailable = 0, ApiWritable = 1, EtcdQuorum = 2, EtcdLeader = 3, SchedulerQueue = 4, EtcdLeaderReplica = 8;

    /// <summary>The global slot of <c>leader(component)</c>.</summary>
    public static int LeaderOf(string component) => Array.IndexOf(GlobalNames, SeriesKeys.Leader(component));

    private readonly List<TraceEvent> events = [];
    private readonly Dictionary<(string Kind, string Subject), int> eventCounts = [];
    private readonly Dictionary<long, SeriesBuilder> series = new(MixedKeyComparer.Instance);
    private readonly Engine engine;

    public TraceRecorder(Engine engine) => this.engine = engine;

    /// <summary>Whether an event of this kind about this subject still goes in the log (call before formatting the reason).</summary>
    public bool Admits(string kind, string subject)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(eventCounts, (kind, subject), out _);
        count++;
        return count <= MaxEventsPerKindAndSubject;
    }

    public void Event(string component, string kind, string subject, string reason) =>
        events.Add(new TraceEvent(engine.Now, component, kind, subject, reason));

    private static long Key(SeriesKind kind, int a, int b, int c) => ((long)kind << 56) | ((long)a << 32) | ((long)b << 24) | (uint)c;

    private SeriesBuilder Get(long key)
    {
        if (!series.TryGetValue(key, out var s))
        {
            s = new SeriesBuilder();
            series[key] = s;
        }
        return s;
    }

    public void SetGlobal(int which, long value) => Get(Key(SeriesKind.Global, which, 0, 0)).Set(engine.Now, value);

    public void AddGlobal(int which, long delta) => Get(Key(SeriesKind.Global, which, 0, 0)).Add(engine.Now, delta);

    /// <summary>Moves one pod between (status, ready, node) counters to match its API view.</summary>
    public void PodView(Pod pod)
    {
        var nodeSlot = pod.InApi ? (pod.Node is null ? 0 : pod.Node.Index + 1) : -1;
        var status = pod.InApi ? (int)(pod.Terminating ? PodPhase.Terminating : pod.Status) : -1;
        var ready = pod.InApi && !pod.Terminating && pod.Ready;
        if (nodeSlot == pod.RecordedNodeSlot && status == pod.RecordedStatus && ready == pod.RecordedReady)
        {
            return;
        }
        var w = pod.Workload.Index;
        if (pod.RecordedStatus >= 0)
        {
            Count(w, pod.RecordedStatus, pod.RecordedNodeSlot, -1);
            Count(w, StatusAll, pod.RecordedNodeSlot, -1);
            if (pod.RecordedReady)
            {
                Count(w, (int)PodPhase.Ready, pod.RecordedNodeSlot, -1);
            }
        }
        if (status >= 0)
        {
            Count(w, status, nodeSlot, 1);
            Count(w, StatusAll, nodeSlot, 1);
            if (ready)
            {
                Count(w, (int)PodPhase.Ready, nodeSlot, 1);
            }
        }
        pod.RecordedNodeSlot = nodeSlot;
        pod.RecordedStatus = status;
        pod.RecordedReady = ready;
    }

    private void Count(int workload, int status, int nodeSlot, int delta)
    {
        Get(Key(SeriesKind.Pods, workload, status, 0)).Add(engine.Now, delta);
        if (nodeSlot > 0)
        {
            Get(Key(SeriesKind.Pods, workload, status, nodeSlot)).Add(engine.Now, delta);
        }
    }

    public void ContainerRunning(Pod pod, ClusterNode node, int delta)
    {
        Get(Key(SeriesKind.Containers, pod.Workload.Index, 0, 0)).Add(engine.Now, delta);
        Get(Key(SeriesKind.Containers, pod.Workload.Index, 0, node.Index + 1)).Add(engine.Now, delta);
        node.RunningContainers += delta;
        Get(Key(SeriesKind.NodeRunning, node.Index, 0, 0)).Set(engine.Now, node.RunningContainers);
    }

    public void Restarts(Workload workload) => Get(Key(SeriesKind.Restarts, workload.Index, 0, 0)).Set(engine.Now, workload.Restarts);

    public void Endpoints(Service service) => Get(Key(SeriesKind.Endpoints, service.Index, 0, 0)).Set(engine.Now, service.Slice.Count);

    public void SharedRules(Service service) => Get(Key(SeriesKind.SharedRules, service.Index, 0, 0)).Set(engine.Now, service.Programmed.Count);

    public void ProxyMode(ClusterNode node) => Get(Key(SeriesKind.ProxyMode, node.Index, 0, 0)).Set(engine.Now, node.ProxyMode);

    public void NodeReady(ClusterNode node) =>
        Get(Key(SeriesKind.NodeReady, node.Index, 0, 0)).Set(engine.Now, node.InApi && node.Ready == NodeCondition.True ? 1 : 0);

    public void NodeSchedulable(ClusterNode node)
    {
        Get(Key(SeriesKind.NodeSchedulable, node.Index, 0, 0)).Set(engine.Now, node.InApi && !node.Unschedulable ? 1 : 0);
        Get(Key(SeriesKind.NodeExists, node.Index, 0, 0)).Set(engine.Now, node.InApi ? 1 : 0);
    }

    /// <summary>Traffic from this second on, in milli-requests per second.</summary>
    public void Traffic(Service service, long sentMilli, long okMilli)
    {
        Get(Key(SeriesKind.TrafficSent, service.Index, 0, 0)).Set(engine.Now, sentMilli);
        Get(Key(SeriesKind.TrafficOk, service.Index, 0, 0)).Set(engine.Now, okMilli);
    }

    public Trace Build(long eventsProcessed, IReadOnlyList<IReadOnlyDictionary<string, int>> proxySnapshots)
    {
        var cluster = engine.Cluster;
        foreach (var ((kind, subject), count) in eventCounts)
        {
            if (count > MaxEventsPerKindAndSubject)
            {
                events.Add(new TraceEvent(engine.Spec.DurationMs, "trace", LogOnlyEventKinds.EventsSuppressed, subject,
                    $"{count - MaxEventsPerKindAndSubject} more {kind} events about {subject} were counted but not logged"));
            }
        }
        var named = new Dictionary<string, TimeSeries>(series.Count, StringComparer.Ordinal);
        foreach (var (key, builder) in series)
        {
            if (builder.IsEmpty)
            {
                continue;
            }
            var kind = (SeriesKind)(key >> 56);
            var a = (int)((key >> 32) & 0xFFFFFF);
            var b = (int)((key >> 24) & 0xFF);
            var c = (int)(key & 0xFFFFFF);
            string Node(int slot) => slot == 0 ? SeriesKeys.AllNodes : cluster.Nodes[slot - 1].Name;
            var name = kind switch
            {
                SeriesKind.Global => GlobalNames[a],
                SeriesKind.Pods => SeriesKeys.Pods(cluster.Workloads[a].Name, b == StatusAll ? SeriesKeys.AllPhases : ((PodPhase)b).ToString(), Node(c)),
                SeriesKind.Containers => SeriesKeys.Containers(cluster.Workloads[a].Name, Node(c)),
                SeriesKind.Restarts => SeriesKeys.Restarts(cluster.Workloads[a].Name),
                SeriesKind.Endpoints => SeriesKeys.Endpoints(cluster.Services[a].Name),
                SeriesKind.SharedRules => SeriesKeys.SharedRules(cluster.Services[a].Name),
                SeriesKind.ProxyMode => SeriesKeys.ProxyMode(cluster.Nodes[a].Name),
                SeriesKind.NodeReady => SeriesKeys.NodeReady(cluster.Nodes[a].Name),
                SeriesKind.NodeSchedulable => SeriesKeys.NodeSchedulable(cluster.Nodes[a].Name),
                SeriesKind.NodeExists => SeriesKeys.NodeExists(cluster.Nodes[a].Name),
                SeriesKind.NodeRunning => SeriesKeys.NodeRunning(cluster.Nodes[a].Name),
                SeriesKind.TrafficSent => SeriesKeys.TrafficSent(cluster.Services[a].Name),
                SeriesKind.TrafficOk => SeriesKeys.TrafficOk(cluster.Services[a].Name),
                _ => throw new InvalidOperationException($"unknown series kind {kind}"),
            };
            named[name] = builder.Build();
        }
        var workloads = cluster.Workloads.Select(w => new TraceWorkload(w.Name, w.Kind.ToString(), w.Service?.Name)).ToList();
        return new Trace(engine.Spec.Id, engine.Spec.Seed, engine.Timings.Version, engine.Spec.DurationMs,
            cluster.Nodes.Select(n => n.Name).ToList(), workloads, events, named, proxySnapshots, eventsProcessed);
    }
}

/// <summary>
/// Series keys pack small integers into bit fields; <see cref="long.GetHashCode"/> folds them into
/// heavy collisions (node ^ workload), so the dictionary would scan long chains. A multiplicative mix fixes it.
/// </summary>
internal sealed class MixedKeyComparer : IEqualityComparer<long>
{
    public static readonly MixedKeyComparer Instance = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> 32);
}
