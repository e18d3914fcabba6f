namespace Practice.Simulation.Model;

/// <summary>
/// Everything the engine needs to replay one incident: the cluster, what happens to it and
/// when, and for how long. Times are virtual milliseconds from the start of the run.
/// </summary>
/// <remarks>
/// This is the contract between <c>Practice.Content</c> (which parses scenario files into it
/// and has already validated every name) and the engine. It carries no source positions:
/// content keeps those beside it.
/// </remarks>
public sealed record ScenarioSpec
{
    public required string Id { get; init; }

    /// <summary>Timing profile, e.g. "1.34" (the default) or "1.31".</summary>
    public string KubernetesVersion { get; init; } = TimingProfile.DefaultVersion;

    public int Seed { get; init; } = 1;

    public required ClusterSpec Cluster { get; init; }

    /// <summary>Faults, recoveries and actions, in file order (the engine orders by time, stably).</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public required long DurationMs { get; init; }

    /// <summary>Per-scenario overrides of the profile's timings; null fields keep the profile's value.</summary>
    public TimingOverrides Timings { get; init; } = new();
}

public sealed record ClusterSpec
{
    public int Apiservers { get; init; } = 1;

    /// <summary>1 to 7 members (3 or 5 in practice; an even count tolerates no more failures than the odd one below it).</summary>
    public int Etcd { get; init; } = 3;

    public int Schedulers { get; init; } = 1;

    public int ControllerManagers { get; init; } = 1;

    public required IReadOnlyList<NodeSpec> Nodes { get; init; }

    public IReadOnlyList<WorkloadSpec> Workloads { get; init; } = [];

    /// <summary>When an etcd snapshot is taken (<c>snapshot:</c> in the cluster section); null for none.</summary>
    public long? SnapshotAtMs { get; init; }
}

public sealed record NodeSpec
{
    public required string Name { get; init; }
    public string Zone { get; init; } = "a";
    public int CpuMillis { get; init; } = 4000;
    public long MemoryBytes { get; init; } = 16L * 1024 * 1024 * 1024;
    public int MaxPods { get; init; } = 110;
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

public enum WorkloadKind { Deployment, StatefulSet, DaemonSet, StaticPod }

public sealed record WorkloadSpec
{
    public required WorkloadKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>Ignored for DaemonSet (one per eligible node) and StaticPod (one on <see cref="Node"/>).</summary>
    public int Replicas { get; init; } = 1;

    public int CpuMillis { get; init; } = 100;
    public long MemoryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Name of a ClusterIP Service in front of the pods, or null.</summary>
    public string? Service { get; init; }

    /// <summary>Client requests per second sent to <see cref="Service"/> (spread over the client nodes).</summary>
    public int Traffic { get; init; }

    /// <summary>Each pod mounts a CSI volume (needs the CSI node plugin at pod start).</summary>
    public bool Volume { get; init; }

    /// <summary>Containers exit this long after each start (crash loop); null never crashes.</summary>
    public long? CrashAfterMs { get; init; }

    /// <summary>StaticPod only: the node whose manifest directory holds it.</summary>
    public string? Node { get; init; }

    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Null: no readiness probe, so a running container is Ready.</summary>
    public ReadinessProbeSpec? Readiness { get; init; }

    /// <summary>IfNotPresent (the default for a tagged image) or Always.</summary>
    public ImagePullPolicy ImagePullPolicy { get; init; } = ImagePullPolicy.IfNotPresent;
}

public enum ImagePullPolicy { IfNotPresent, Always }

/// <summary>How a readiness probe reaches the container: http and tcp over the pod network, exec inside the container.</summary>
public enum ProbeType { Http, Tcp, Exec }

/// <summary>A container's readiness probe (Kubernetes' defaults: every 10 s, unready after 3 failures in a row, ready after 1 success).</summary>
public sealed record ReadinessProbeSpec
{
    public const long DefaultPeriodMs = 10_000;
    public const int DefaultFailureThreshold = 3;

    public required ProbeType Type { get; init; }
    public long PeriodMs { get; init; } = DefaultPeriodMs;
    public int FailureThreshold { get; init; } = DefaultFailureThreshold;

    /// <summary>Whether the probe travels over the pod network (so a broken CNI dataplane fails it).</summary>
    public bool OverNetwork => Type is ProbeType.Http or ProbeType.Tcp;
}

/// <summary>The components a fault, recovery or restart can name (scenario-format.md spelling in comments).</summary>
public enum Component
{
    KubeApiserver,          // kube-apiserver
    Etcd,                   // etcd
    KubeScheduler,          // kube-scheduler
    KubeControllerManager,  // kube-controller-manager
    CloudControllerManager, // cloud-controller-manager
    Kubelet,                // kubelet
    ContainerRuntime,       // container-runtime
    KubeProxy,              // kube-proxy
    Cni,                    // cni (the dataplane in the packet path)
    CniPlugin,              // cni-plugin (the binary called at pod creation)
    CsiNode,                // csi-node
}

public enum Plane { Control, Data }

public static class Components
{
    private static readonly (Component Component, string Name, Plane Plane)[] All =
    [
        (Component.KubeApiserver, "kube-apiserver", Plane.Control),
        (Component.Etcd, "etcd", Plane.Control),
        (Component.KubeScheduler, "kube-scheduler", Plane.Control),
        (Component.KubeControllerManager, "kube-controller-manager", Plane.Control),
        (Component.CloudControllerManager, "cloud-controller-manager", Plane.Control),
        (Component.Kubelet, "kubelet", Plane.Data),
        (Component.ContainerRuntime, "container-runtime", Plane.Data),
        (Component.KubeProxy, "kube-proxy", Plane.Data),
        (Component.Cni, "cni", Plane.Data),
        (Component.CniPlugin, "cni-plugin", Plane.Data),
        (Component.CsiNode, "csi-node", Plane.Data),
    ];

    public static IEnumerable<string> Names => All.Select(c => c.Name);

    public static string NameOf(Component component) => All.First(c => c.Component == component).Name;

    public static Plane PlaneOf(Component component) => All.First(c => c.Component == component).Plane;

    public static bool IsPerNode(Component component) => PlaneOf(component) == Plane.Data;

    public static bool TryParse(string name, out Component component)
    {
        foreach (var c in All)
        {
            if (c.Name == name)
            {
                component = c.Component;
                return true;
            }
        }
        component = default;
        return false;
    }
}

/// <summary>One line of the timeline.</summary>
public abstract record TimelineEntry(long AtMs);

public sealed record FaultEntry(long AtMs, Fault Fault) : TimelineEntry(AtMs);

/// <summary>Undoes a fault of the same shape (<c>recover:</c>).</summary>
public sealed record RecoverEntry(long AtMs, Fault Fault) : TimelineEntry(AtMs);

public sealed record ActionEntry(long AtMs, ClusterAction Action) : TimelineEntry(AtMs);

public abstract record Fault;

public enum FaultMode { Down, CrashLoop, Slow }

/// <summary>A component fault; <see cref="Node"/> null means every replica / every node's copy.</summary>
public sealed record ComponentFault(Component Component, string? Node, FaultMode Mode = FaultMode.Down, long SlowLatencyMs = 0) : Fault
{
    /// <summary>
    /// Control-plane components only (<c>replica:</c> in a scenario file): null hits every replica;
    /// <c>"leader"</c> hits whichever replica leads at that moment (scheduler, controller-manager,
    /// or etcd's Raft leader); <c>"1"</c>..<c>"n"</c> hits that replica alone.
    /// </summary>
    public string? Replica { get; init; }
}

/// <summary><c>{ node: N, power: off }</c>: the machine stops; recover powers it back on.</summary>
public sealed record NodePowerOff(string Node) : Fault;

/// <summary><c>{ vm: terminated, node: N }</c>: the cloud VM is gone for good.</summary>
public sealed record VmTerminated(string Node) : Fault;

public enum PartitionFrom { ControlPlane, Nodes, NodeList }

/// <summary><c>{ partition: [node-2], from: control-plane | nodes | [node-1] }</c>.</summary>
public sealed record NetworkPartition(IReadOnlyList<string> Nodes, PartitionFrom From, IReadOnlyList<string> FromNodes) : Fault;

/// <summary><c>{ etcd: member-down, count: 2 }</c>: members etcd-1.. etcd-count, leader or not.</summary>
public sealed record EtcdMembersDown(int Count) : Fault;

/// <summary><c>{ etcd: leader-down }</c>: whichever member leads at that moment.</summary>
public sealed record EtcdLeaderDown : Fault;

/// <summary><c>{ etcd: corrupt }</c>: the data is damaged; the apiserver cannot serve until a restore.</summary>
public sealed record EtcdCorrupt : Fault;

/// <summary><c>{ registry: down }</c>: image pulls fail, so new containers on nodes without the image cannot start.</summary>
public sealed record RegistryDown : Fault;

/// <summary><c>{ disk: full, node: N }</c>.</summary>
public sealed record DiskFull(string Node) : Fault;

public abstract record ClusterAction;

public sealed record RestartAction(Component Component, string? Node) : ClusterAction;
public sealed record CordonAction(string Node) : ClusterAction;
public sealed record UncordonAction(string Node) : ClusterAction;

/// <summary>Cordons first, then evicts the node's pods (DaemonSet and static pods stay), as kubectl drain does.</summary>
public sealed record DrainAction(string Node) : ClusterAction;

/// <summary>Deletes one pod of the workload, on <see cref="Node"/> when given.</summary>
public sealed record DeletePodAction(string Workload, string? Node) : ClusterAction;

public sealed record ScaleAction(string Workload, int Replicas) : ClusterAction;

/// <summary>Restores etcd from the latest snapshot (taken at <see cref="ClusterSpec.SnapshotAtMs"/>).</summary>
public sealed record RestoreEtcdAction : ClusterAction;

public sealed record AddNodeAction(string? Name, string? Zone) : ClusterAction;

/// <summary><c>kubectl apply</c> of a workload (and its Service) mid-run; the controllers, the scheduler and the kubelets take it from there.</summary>
public sealed record ApplyAction(WorkloadSpec Workload) : ClusterAction;
public sealed record ReplaceNodeAction(string Node) : ClusterAction;
public sealed record WaitAction(long ForMs) : ClusterAction;
