using Practice.Simulation.Cluster;
using Practice.Simulation.Components;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation;

/// <summary>Whether the API answers at a moment, and why not.</summary>
/// <param name="Why">Null while it answers; otherwise the fault in words ("no kube-apiserver replica is running").</param>
/// <param name="DelayMs">What a slow apiserver or etcd adds to every call.</param>
public sealed record ApiState(bool Available, bool Writable, long DelayMs, string? Why)
{
    /// <summary>An apiserver runs but etcd has no quorum: its reads wait for a quorum that never answers.</summary>
    public bool EtcdNoQuorum { get; init; }
}

/// <summary>A taint as the Node object carries it.</summary>
public sealed record TaintView(string Key, string Effect);

/// <summary>A Node object as the API holds it at a moment (stale while the control plane cannot update it).</summary>
/// <param name="Ready"><c>True</c>, <c>False</c> or <c>Unknown</c>, the Ready condition's status.</param>
/// <param name="Index">0-based position in the cluster, for stable addresses.</param>
public sealed record NodeView(string Name, int Index, string Zone, string Ready, bool Unschedulable, IReadOnlyList<TaintView> Taints,
    long LeaseRenewedAtMs, IReadOnlyDictionary<string, string> Labels, int CpuMillis, long MemoryBytes, int MaxPods);

/// <summary>A Pod object as the API holds it at a moment.</summary>
/// <param name="Phase">What <c>kubectl get pods</c> shows in STATUS, before Terminating.</param>
/// <param name="LastStartedAtMs">When its container last started (for "RESTARTS 3 (40s ago)"); null if it never ran.</param>
/// <param name="Id">Unique in the run, for stable addresses.</param>
/// <param name="EndpointReady">Listed as a ready endpoint in its Service's EndpointSlice (as the EndpointSlice controller last wrote it).</param>
public sealed record PodView(string Name, int Id, string Workload, string WorkloadKind, string? Node, PodPhase Phase, bool Ready, bool Terminating,
    int Restarts, long? LastStartedAtMs, long CreatedAtMs, bool EndpointReady = false);

/// <summary>A Lease: a node's heartbeat in <c>kube-node-lease</c>, or a leader's in <c>kube-system</c>.</summary>
/// <param name="Holder">The holder's identity; null when the lease was released.</param>
public sealed record LeaseView(string Name, string Namespace, string? Holder, long RenewedAtMs, long DurationMs);

/// <summary>A workload object (Deployment, StatefulSet, DaemonSet, or the static pod's manifest).</summary>
/// <param name="Index">0-based position in the cluster, for stable addresses and ids.</param>
public sealed record WorkloadView(string Name, int Index, string Kind, int Desired, bool Created, long CreatedAtMs, string? Service)
{
    /// <summary>A Deployment's ReplicaSet (<c>web-5d4f8b7c9x</c>) once the controller-manager has created it; else null.</summary>
    public string? ReplicaSet { get; init; }

    /// <summary>The pod template's <c>nodeSelector</c>: where a DaemonSet runs.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
}

/// <summary>A service on a machine as <c>systemctl</c> reports it: the truth, not the API.</summary>
/// <param name="Unit">The unit's name (<c>kubelet</c>, <c>containerd</c>, <c>etcd</c>).</param>
/// <param name="Component">The simulation's component the unit runs.</param>
/// <param name="Fault">Null while it works; otherwise <c>down</c>, <c>crashloop</c> or <c>slow</c>.</param>
public sealed record UnitView(string Unit, Model.Component Component, string? Fault);

/// <summary>A container the node's runtime holds, as <c>crictl ps</c> lists it.</summary>
/// <param name="State"><c>Running</c>, <c>Exited</c> (between crash-loop restarts) or <c>Created</c>.</param>
public sealed record ContainerView(string Pod, int PodId, string Name, string State, int Attempt, long StartedAtMs);

/// <summary>A machine the operator can reach with ssh: a node, or the control plane's host.</summary>
/// <param name="Unreachable">Null when ssh gets in; otherwise why not (powered off, terminated).</param>
public sealed record HostView(string Name, string? Unreachable, IReadOnlyList<UnitView> Units, IReadOnlyList<ContainerView> Containers);

/// <summary>An etcd member as <c>etcdctl</c> sees it.</summary>
public sealed record EtcdMemberView(string Name, int Index, bool Up, bool Leader);

/// <summary>
/// The cluster as the API shows it at virtual time <see cref="AtMs"/>: what <c>kubectl</c> would read,
/// with the trace of the run up to then (its events, for <c>kubectl get events</c>).
/// </summary>
public sealed record ClusterView(long AtMs, string KubernetesVersion, ApiState Api, IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<PodView> Pods, IReadOnlyList<WorkloadView> Workloads, Trace Trace)
{
    /// <summary>Node leases in <c>kube-node-lease</c> and the leader leases in <c>kube-system</c>.</summary>
    public IReadOnlyList<LeaseView> Leases { get; init; } = [];

    /// <summary>The machines as they are (not as the API says): each node, then <c>control-plane</c>.</summary>
    public IReadOnlyList<HostView> Hosts { get; init; } = [];

    /// <summary>etcd's members as they are.</summary>
    public IReadOnlyList<EtcdMemberView> EtcdMembers { get; init; } = [];

    /// <summary>The host the control-plane components and etcd run on, in the operator's view.</summary>
    public const string ControlPlaneHost = "control-plane";

    /// <summary>Builds the view from an engine that has run to the moment wanted.</summary>
    internal static ClusterView From(Engine engine, Trace trace)
    {
        var cluster = engine.Cluster;
        var nodes = cluster.ApiNodes.OrderBy(n => n.Index).Select(NodeOf).ToList();
        var pods = cluster.Workloads.SelectMany(w => w.ApiPods).Where(p => p.InApi)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new PodView(p.Name, p.Id, p.Workload.Name, p.Workload.Kind.ToString(), p.Node?.Name, p.Status, p.Ready, p.Terminating,
                p.Restarts, p.EverStarted ? p.RunningSinceMs : null, p.CreatedAtMs, p.InSlice))
            .ToList();
        var workloads = cluster.Workloads
            .Select(w => new WorkloadView(w.Name, w.Index, w.Kind.ToString(), w.Desired, w.ObjectCreated, w.AppliedAtMs, w.Service?.Name)
            {
                ReplicaSet = w.Kind == WorkloadKind.Deployment && w.ReplicaSetCreated ? $"{w.Name}-{Components.Api.TemplateHash(w)}" : null,
                NodeSelector = w.Spec.NodeSelector,
            })
            .ToList();
        var control = engine.ControlPlane;
        var api = new ApiState(control.Available, control.Writable, control.WriteDelayMs, control.WhyUnavailable)
        {
            EtcdNoQuorum = !control.Available && control.WhyUnavailable == ControlPlane.NoQuorum,
        };
        var timings = engine.Timings;
        var leases = cluster.ApiNodes.OrderBy(n => n.Index)
            .Select(n => new LeaseView(n.Name, "kube-node-lease", n.Name, n.LeaseRenewedAtMs, timings.NodeLeaseDurationMs))
            .Concat(new[] { engine.ControllerManager.Elector, engine.Cloud.Elector, engine.Scheduler.Elector }
                .OrderBy(e => e.Component, StringComparer.Ordinal)
                .Select(e => new LeaseView(e.Component, "kube-system", e.Holder >= 0 ? e.ReplicaName(e.Holder) : null, e.LastRenewedMs, timings.LeaderLeaseDurationMs)))
            .ToList();
        var hosts = cluster.Nodes.Where(n => !n.VmGone || n.InApi).OrderBy(n => n.Index).Select(HostOf).Append(ControlPlaneHostOf(engine)).ToList();
        var members = Enumerable.Range(0, control.EtcdMembers)
            .Select(i => new EtcdMemberView(ControlPlane.MemberName(i), i, control.MemberUp(i), control.EtcdLeader == i))
            .ToList();
        return new ClusterView(engine.Now, engine.Spec.KubernetesVersion, api, nodes, pods, workloads, trace) { Leases = leases, Hosts = hosts, EtcdMembers = members };
    }

    /// <summary>The per-node components that run as services, under the unit names an operator types.</summary>
    public static readonly IReadOnlyList<(string Unit, Component Component)> NodeUnits =
        [("kubelet", Component.Kubelet), ("containerd", Component.ContainerRuntime), ("kube-proxy", Component.KubeProxy), ("csi-node", Component.CsiNode)];

    /// <summary>The control-plane components, each a service on <see cref="ControlPlaneHost"/>.</summary>
    public static readonly IReadOnlyList<(string Unit, Component Component)> ControlPlaneUnits =
        [("etcd", Component.Etcd), ("kube-apiserver", Component.KubeApiserver), ("kube-scheduler", Component.KubeScheduler),
         ("kube-controller-manager", Component.KubeControllerManager), ("cloud-controller-manager", Component.CloudControllerManager)];

    private static string? FaultName(FaultMode? mode) => mode switch
    {
        null => null,
        FaultMode.Down => "down",
        FaultMode.CrashLoop => "crashloop",
        _ => "slow",
    };

    private static HostView HostOf(ClusterNode node)
    {
        var unreachable = node.VmGone ? "the VM was terminated" : !node.Powered ? "it is powered off" : node.Booting ? "it is booting" : null;
        var units = NodeUnits.Select(u => new UnitView(u.Unit, u.Component, FaultName(node.Health[(int)u.Component].Fault))).ToList();
        var containers = node.Kubelet.Pods
            .Where(p => p.HostedBy == node.Kubelet && p.Container is ContainerState.Running or ContainerState.Stopping or ContainerState.BackOff or ContainerState.Creating)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new ContainerView(p.Name, p.Id, p.Workload.Name,
                p.Container switch { ContainerState.BackOff => "Exited", ContainerState.Creating => "Created", _ => "Running" },
                p.Restarts, p.RunningSinceMs))
            .ToList();
        return new HostView(node.Name, unreachable, units, containers);
    }

    private static HostView ControlPlaneHostOf(Engine engine)
    {
        var control = engine.ControlPlane;
        string? Replicas(int count, Func<int, bool> up) =>
            Enumerable.Range(0, count).All(up) ? null : "down";
        var electors = new Dictionary<Component, LeaderElector>
        {
            [Component.KubeScheduler] = engine.Scheduler.Elector,
            [Component.KubeControllerManager] = engine.ControllerManager.Elector,
            [Component.CloudControllerManager] = engine.Cloud.Elector,
        };
        var units = ControlPlaneUnits.Select(u => new UnitView(u.Unit, u.Component, u.Component switch
        {
            Component.Etcd => control.EtcdCorrupt ? "corrupt" : Replicas(control.EtcdMembers, control.MemberUp),
            Component.KubeApiserver => Replicas(control.Apiservers, control.ApiserverUp),
            _ => electors[u.Component] is var e && Replicas(e.Replicas, e.ReplicaUp) is { } down ? down : e.SlowMs > 0 ? "slow" : null,
        })).ToList();
        return new HostView(ControlPlaneHost, null, units, []);
    }

    private static NodeView NodeOf(ClusterNode node)
    {
        var taints = new List<TaintView>();
        if (node.Unschedulable)
        {
            taints.Add(new("node.kubernetes.io/unschedulable", "NoSchedule"));
        }
        var condition = node.Ready switch { NodeCondition.True => "True", NodeCondition.False => "False", _ => "Unknown" };
        var reason = node.Ready == NodeCondition.False ? "not-ready" : "unreachable";
        if (node.UnreachableNoSchedule || node.NotReadyNoSchedule)
        {
            taints.Add(new($"node.kubernetes.io/{(node.UnreachableNoSchedule ? "unreachable" : "not-ready")}", "NoSchedule"));
        }
        if (node.NoExecuteTaint)
        {
            taints.Add(new($"node.kubernetes.io/{reason}", "NoExecute"));
        }
        if (node.DiskPressureNoSchedule)
        {
            taints.Add(new("node.kubernetes.io/disk-pressure", "NoSchedule"));
        }
        if (node.ShutdownTaint)
        {
            taints.Add(new("node.cloudprovider.kubernetes.io/shutdown", "NoSchedule"));
        }
        return new NodeView(node.Name, node.Index, node.Zone, condition, node.Unschedulable, taints, node.LeaseRenewedAtMs,
            node.Labels, node.CpuMillis, node.MemoryBytes, node.MaxPods);
    }
}
