using Practice.Simulation.Components;
using Practice.Simulation.Model;

namespace Practice.Simulation.Cluster;

/// <summary>Ready condition of a Node object as the API stores it.</summary>
internal enum NodeCondition { True, False, Unknown }

/// <summary>Health of one per-node component on one node, as faults leave it.</summary>
internal struct ComponentHealth
{
    public FaultMode? Fault;
    public long SlowMs;

    public readonly bool Works => Fault is null or FaultMode.Slow;
    public readonly long Delay => Fault == FaultMode.Slow ? SlowMs : 0;
}

/// <summary>
/// One machine and its Node object: the physical side (power, per-node components, containers)
/// and the API side (conditions, taints, bound pods) are kept apart on purpose.
/// </summary>
internal sealed class ClusterNode
{
    public ClusterNode(int index, NodeSpec spec, int workloadCount)
    {
        Index = index;
        Name = spec.Name;
        Zone = spec.Zone;
        CpuMillis = spec.CpuMillis;
        MemoryBytes = spec.MemoryBytes;
        MaxPods = spec.MaxPods;
        Labels = spec.Labels;
        PodsOfWorkload = new int[workloadCount];
    }

    public int Index { get; }
    public string Name { get; }
    public string Zone { get; }
    public int CpuMillis { get; }
    public long MemoryBytes { get; }
    public int MaxPods { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }

    // The machine.
    public bool Powered;
    public bool Booting;
    public bool VmGone;
    public bool DiskFull;
    public readonly ComponentHealth[] Health = new ComponentHealth[Enum.GetValues<Component>().Length];
    public Kubelet Kubelet = null!;

    /// <summary>Pods whose containers really run here (any workload), for the per-node chart.</summary>
    public int RunningContainers;

    // The Node object.
    public bool InApi;
    public long DeletedAtMs = -1;
    public bool Unschedulable;

    /// <summary>kubectl drain evicted its pods (the synthetic traffic clients among them) until uncordoned.</summary>
    public bool Drained;
    public NodeCondition Ready = NodeCondition.True;
    public long LeaseRenewedAtMs;

    /// <summary>The node lifecycle controller's view: the renewal it last saw, and its own time when it saw it.</summary>
    public long MonitorSeenRenewalMs = -1;
    public long MonitorObservedAtMs;
    public bool UnreachableNoSchedule;
    public bool NotReadyNoSchedule;
    public bool DiskPressureNoSchedule;
    public bool ShutdownTaint;

    /// <summary>The NoExecute taint (unreachable or not-ready) and when it was added; epoch invalidates old eviction timers.</summary>
    public bool NoExecuteTaint;
    public int NoExecuteEpoch;
    public bool QueuedForNoExecute;

    public readonly List<Pod> ApiPods = [];

    /// <summary>The node lifecycle controller set this node's pods Ready=false; the kubelet re-asserts what it sees.</summary>
    public bool PodStatusesOverridden;
    public int RequestedCpu;
    public long RequestedMemory;
    public readonly int[] PodsOfWorkload;

    // kube-proxy: SeriesKeys.ProxyInSync, ProxyNoRules, or a frozen snapshot index.
    public int ProxyMode = (int)SeriesKeys.ProxyInSync;

    // Partitions touching this node (fast path for traffic and connectivity).
    public bool CutFromControlPlane;
    public bool CutFromSomeNodes;

    public bool Works(Component component) => Health[(int)component].Works;
    public long Delay(Component component) => Health[(int)component].Delay;

    /// <summary>Pods here can send and receive: powered and the CNI dataplane is up.</summary>
    public bool DataplaneUp => Powered && !Booting && Works(Component.Cni);

    public override string ToString() => Name;
}
