using Practice.Simulation.Cluster;
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

/// <summary>
/// The cluster as the API shows it at virtual time <see cref="AtMs"/>: what <c>kubectl</c> would read,
/// with the trace of the run up to then (its events, for <c>kubectl get events</c>).
/// </summary>
public sealed record ClusterView(long AtMs, string KubernetesVersion, ApiState Api, IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<PodView> Pods, IReadOnlyList<WorkloadView> Workloads, Trace Trace)
{
    /// <summary>Node leases in <c>kube-node-lease</c> and the leader leases in <c>kube-system</c>.</summary>
    public IReadOnlyList<LeaseView> Leases { get; init; } = [];

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
            EtcdNoQuorum = !control.Available && control.WhyUnavailable == Components.ControlPlane.NoQuorum,
        };
        var timings = engine.Timings;
        var leases = cluster.ApiNodes.OrderBy(n => n.Index)
            .Select(n => new LeaseView(n.Name, "kube-node-lease", n.Name, n.LeaseRenewedAtMs, timings.NodeLeaseDurationMs))
            .Concat(new[] { engine.ControllerManager.Elector, engine.Cloud.Elector, engine.Scheduler.Elector }
                .OrderBy(e => e.Component, StringComparer.Ordinal)
                .Select(e => new LeaseView(e.Component, "kube-system", e.Holder >= 0 ? e.ReplicaName(e.Holder) : null, e.LastRenewedMs, timings.LeaderLeaseDurationMs)))
            .ToList();
        return new ClusterView(engine.Now, engine.Spec.KubernetesVersion, api, nodes, pods, workloads, trace) { Leases = leases };
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
