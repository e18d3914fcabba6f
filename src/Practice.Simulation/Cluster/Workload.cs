using Practice.Simulation.Model;

namespace Practice.Simulation.Cluster;

/// <summary>A workload (Deployment, StatefulSet, DaemonSet or static pod) and its pods in the API.</summary>
internal sealed class Workload
{
    public Workload(int index, WorkloadSpec spec)
    {
        Index = index;
        Spec = spec;
        Name = spec.Name;
        Kind = spec.Kind;
        Desired = spec.Replicas;
    }

    public int Index { get; }
    public WorkloadSpec Spec { get; }
    public string Name { get; }
    public WorkloadKind Kind { get; }

    /// <summary>spec.replicas in the API.</summary>
    public int Desired;
    /// <summary>The workload object is in the API (applied at 0 s, or later by a timeline apply).</summary>
    public bool ObjectCreated;
    public long AppliedAtMs;
    public bool ReplicaSetCreated;
    public Service? Service;

    public readonly List<Pod> ApiPods = [];

    /// <summary>Pods in the API that are not terminating (what a ReplicaSet counts).</summary>
    public int Active;
    public int NextSerial;
    public int Restarts;
    public bool ControllerDirty;

    /// <summary>StatefulSet: the pod object holding each ordinal, terminating or not (at most one).</summary>
    public readonly List<Pod?> Ordinals = [];

    /// <summary>Nodes that already pulled this workload's image.</summary>
    public readonly HashSet<int> ImageOnNode = [];

    /// <summary>Desired replicas per snapshot time, for etcd restore.</summary>
    public readonly List<(long AtMs, int Replicas)> DesiredHistory = [];

    public override string ToString() => Name;
}

/// <summary>A ClusterIP Service: its EndpointSlices, and the rules every in-sync kube-proxy has programmed.</summary>
internal sealed class Service
{
    public Service(int index, string name, Workload workload)
    {
        Index = index;
        Name = name;
        Workload = workload;
    }

    public int Index { get; }
    public string Name { get; }
    public Workload Workload { get; }
    public int Traffic => Workload.Spec.Traffic;

    /// <summary>Ready endpoints in the EndpointSlices (API).</summary>
    public readonly HashSet<Pod> Slice = [];

    /// <summary>Endpoints programmed by every kube-proxy that follows its watch (shared to keep 5,000 nodes cheap).</summary>
    public readonly HashSet<Pod> Programmed = [];

    /// <summary>Slice changes not yet programmed by the in-sync proxies.</summary>
    public readonly List<(Pod Pod, bool Add)> PendingRules = [];

    public bool TrafficDirty = true;

    public override string ToString() => Name;
}
