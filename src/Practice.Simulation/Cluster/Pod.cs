using Practice.Simulation.Components;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Cluster;

/// <summary>What the container runtime really has for a pod on its node.</summary>
internal enum ContainerState { None, Creating, Running, BackOff, Stopping, Gone }

/// <summary>
/// One pod, in two views: the object in the API (phase, Ready, node, deletion) and the containers
/// a kubelet really runs. They drift apart whenever the control plane cannot be told.
/// </summary>
internal sealed class Pod
{
    public Pod(int id, string name, Workload workload, int ordinal)
    {
        Id = id;
        Name = name;
        Workload = workload;
        Ordinal = ordinal;
    }

    public int Id { get; }
    public string Name { get; }
    public Workload Workload { get; }
    public int Ordinal { get; }

    public long CreatedAtMs;

    /// <summary>DaemonSet pods are pinned to one node by node affinity.</summary>
    public ClusterNode? PinnedNode;

    // API view.
    public bool InApi;
    public ClusterNode? Node;
    public bool Terminating;
    public PodPhase Status = PodPhase.Pending;
    public bool Ready;
    public bool Unschedulable;
    public bool InSchedulerQueue;
    public bool InSlice;
    public bool SliceDirty;
    public int IndexInWorkload = -1;
    public int IndexInNode = -1;

    // What the trace has counted for this pod, so a change moves exactly one unit between series.
    public int RecordedNodeSlot = -1;
    public int RecordedStatus = -1;
    public bool RecordedReady;

    // Node view (kubelet and runtime).
    public Kubelet? HostedBy;
    public ContainerState Container;
    public bool BlockedOnNode;
    public long RunningSinceMs;
    public long RestartDueMs;
    public int BackoffStep;
    public int Restarts;
    public bool EverStarted;

    /// <summary>The pod's sandbox exists on its node (a crashed container restarts in it; a reboot or a stop removes it).</summary>
    public bool HasSandbox;
    public int Epoch;
    public bool StatusDirty;
    public bool StatusReportScheduled;
    public bool DeletionConfirmPending;

    // Image and volume managers.
    public ImagePullState ImagePull;
    public long ImageBackoffMs;
    public long MountBackoffMs;

    // Prober: the readiness result, failures in a row, and the loop's generation.
    public bool ProbeReady = true;
    public int ProbeFailures;
    public int ProbeGeneration;

    public bool IsStatic => Workload.Kind == Model.WorkloadKind.StaticPod;
    public bool IsDaemon => Workload.Kind == Model.WorkloadKind.DaemonSet;
    public bool Serving => Container is ContainerState.Running or ContainerState.Stopping;
    public bool Active => InApi && !Terminating;

    public override int GetHashCode() => Id;
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public override string ToString() => Name;
}
