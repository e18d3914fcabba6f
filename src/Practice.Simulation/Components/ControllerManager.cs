using Practice.Simulation.Cluster;
using Practice.Simulation.Model;

namespace Practice.Simulation.Components;

/// <summary>
/// kube-controller-manager: the Deployment, ReplicaSet, StatefulSet and DaemonSet controllers, the
/// EndpointSlice controller, the node lifecycle controller (with taint-based eviction) and pod garbage
/// collection, all running only in the leader and only while the API answers.
/// </summary>
/// <remarks>
/// Controllers are level-triggered: a watch event marks a workload dirty and one reconcile pass later
/// creates or deletes pods to match. On winning leadership or on the API coming back everything is
/// marked dirty (a relist). StatefulSets use OrderedReady: ordinal i is created only once every lower
/// ordinal is Running and Ready, and an ordinal whose pod object still exists (even Terminating on an
/// unreachable node) is never replaced: at most one pod per identity.
/// </remarks>
internal sealed class ControllerManager
{
    private readonly Engine engine;
    private readonly List<Workload> dirty = [];
    private bool reconcileScheduled;

    public ControllerManager(Engine engine)
    {
        this.engine = engine;
        Endpoints = new EndpointSliceController(engine, this);
        Elector = new LeaderElector(engine, "kube-controller-manager", () => engine.After(engine.Api.Latency, Resync));
    }

    public LeaderElector Elector { get; }
    public EndpointSliceController Endpoints { get; }

    public bool Active => Elector.Leading && engine.Api.Available;

    public long Delay => engine.Api.Latency + Elector.SlowMs;

    public void Start(int replicas)
    {
        Elector.Start(replicas);
        engine.After(engine.Timings.PodGcPeriodMs, PodGc);
    }

    public void MarkWorkload(Workload w)
    {
        if (!w.ObjectCreated)
        {
            // Not applied (yet): nothing for a controller to do.
            return;
        }
        if (!w.ControllerDirty)
        {
            w.ControllerDirty = true;
            dirty.Add(w);
        }
        Kick();
    }

    /// <summary>Relist: every workload and every endpoint is looked at again.</summary>
    public void Resync()
    {
        foreach (var w in engine.Cluster.Workloads)
        {
            MarkWorkload(w);
        }
        Endpoints.MarkAll();
    }

    public void OnNodeAdded(ClusterNode node)
    {
        foreach (var w in engine.Cluster.Workloads)
        {
            if (w.Kind == WorkloadKind.DaemonSet)
            {
                MarkWorkload(w);
            }
        }
    }

    private void Kick()
    {
        if (reconcileScheduled || dirty.Count == 0 || !Active)
        {
            return;
        }
        reconcileScheduled = true;
        engine.After(Delay, Reconcile);
    }

    private void Reconcile()
    {
        reconcileScheduled = false;
        if (!Active || !engine.Api.Writable)
        {
            return;
        }
        var batch = dirty.ToArray();
        dirty.Clear();
        foreach (var w in batch)
        {
            w.ControllerDirty = false;
            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                    if (!w.ReplicaSetCreated)
                    {
                        w.ReplicaSetCreated = true;
                        engine.Log("kube-controller-manager", TraceEventKinds.ReplicaSetCreated, w.Name, $"Deployment {w.Name} got its ReplicaSet with {w.Desired} replicas");
                        MarkWorkload(w);
                    }
                    else
                    {
                        ReconcileReplicas(w);
                    }
                    break;
                case WorkloadKind.StatefulSet:
                    ReconcileOrdinals(w);
                    break;
                case WorkloadKind.DaemonSet:
                    ReconcileDaemon(w);
                    break;
            }
        }
        Kick();
    }

    private void ReconcileReplicas(Workload w)
    {
        var missing = w.Desired - w.Active;
        for (var i = 0; i < missing; i++)
        {
            engine.Api.CreatePod(engine.Api.NewPod(w, 0), null, "kube-controller-manager", TraceEventKinds.PodCreated);
        }
        if (missing < 0)
        {
            // Scale-down order of the ReplicaSet controller: unscheduled, then not ready, then newest.
            var victims = w.ApiPods.Where(p => p.Active)
                .OrderBy(p => p.Node is null ? 0 : 1)
                .ThenBy(p => p.Ready ? 1 : 0)
                .ThenByDescending(p => p.Id)
                .Take(-missing)
                .ToList();
            foreach (var p in victims)
            {
                engine.Api.MarkTerminating(p, "kube-controller-manager", TraceEventKinds.PodDeleted, "deleted by the ReplicaSet controller to scale down");
            }
        }
    }

    private void ReconcileOrdinals(Workload w)
    {
        while (w.Ordinals.Count < w.Desired)
        {
            w.Ordinals.Add(null);
        }
        for (var i = 0; i < w.Desired; i++)
        {
            var pod = w.Ordinals[i];
            if (pod is null)
            {
                pod = engine.Api.NewPod(w, i);
                w.Ordinals[i] = pod;
                engine.Api.CreatePod(pod, null, "kube-controller-manager", TraceEventKinds.PodCreated);
                return;
            }
            if (pod.Terminating || !pod.Ready)
            {
                return;
            }
        }
        for (var i = w.Ordinals.Count - 1; i >= w.Desired; i--)
        {
            if (w.Ordinals[i] is { } extra)
            {
                if (!extra.Terminating)
                {
                    engine.Api.MarkTerminating(extra, "kube-controller-manager", TraceEventKinds.PodDeleted, "deleted by the StatefulSet controller to scale down (highest ordinal first)");
                }
                return;
            }
        }
    }

    private void ReconcileDaemon(Workload w)
    {
        var covered = new HashSet<int>();
        foreach (var p in w.ApiPods)
        {
            if (p.Active && (p.PinnedNode ?? p.Node) is { } n)
            {
                covered.Add(n.Index);
            }
        }
        foreach (var node in engine.Cluster.ApiNodes)
        {
            if (covered.Contains(node.Index) || !Matches(w.Spec, node))
            {
                continue;
            }
            var pod = engine.Api.NewPod(w, 0);
            pod.PinnedNode = node;
            engine.Api.CreatePod(pod, null, "kube-controller-manager", TraceEventKinds.PodCreated);
        }
    }

    private static bool Matches(WorkloadSpec spec, ClusterNode node)
    {
        foreach (var (key, value) in spec.NodeSelector)
        {
            if (!node.Labels.TryGetValue(key, out var v) || v != value)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Pod GC: pods bound to a Node object that has been gone for the quarantine time are force-deleted.</summary>
    private void PodGc()
    {
        if (Active && engine.Api.Writable)
        {
            foreach (var node in engine.Cluster.Nodes)
            {
                if (node.InApi || node.DeletedAtMs < 0 || node.ApiPods.Count == 0 || engine.Now - node.DeletedAtMs < engine.Timings.PodGcQuarantineMs)
                {
                    continue;
                }
                foreach (var pod in node.ApiPods.ToArray())
                {
                    engine.Api.RemovePod(pod, "kube-controller-manager", $"pod garbage collector: node {node.Name} no longer exists");
                }
            }
        }
        engine.After(engine.Timings.PodGcPeriodMs, PodGc);
    }
}

/// <summary>
/// The EndpointSlice controller: a pod is a ready endpoint of its Service while it exists, is not
/// terminating and its Ready condition is true. Changes reach the kube-proxies through their watch.
/// </summary>
internal sealed class EndpointSliceController
{
    private readonly Engine engine;
    private readonly ControllerManager owner;
    private readonly List<Pod> dirty = [];
    private bool scheduled;

    public EndpointSliceController(Engine engine, ControllerManager owner)
    {
        this.engine = engine;
        this.owner = owner;
    }

    public void MarkDirty(Pod pod)
    {
        if (pod.Workload.Service is null)
        {
            return;
        }
        if (!pod.SliceDirty)
        {
            pod.SliceDirty = true;
            dirty.Add(pod);
        }
        Kick();
    }

    public void MarkAll()
    {
        foreach (var s in engine.Cluster.Services)
        {
            foreach (var p in s.Slice)
            {
                MarkDirty(p);
            }
            foreach (var p in s.Workload.ApiPods)
            {
                MarkDirty(p);
            }
        }
    }

    private void Kick()
    {
        if (scheduled || dirty.Count == 0 || !owner.Active)
        {
            return;
        }
        scheduled = true;
        engine.After(owner.Delay, Sync);
    }

    private void Sync()
    {
        scheduled = false;
        if (!owner.Active || !engine.Api.Writable)
        {
            return;
        }
        foreach (var pod in dirty)
        {
            pod.SliceDirty = false;
            var service = pod.Workload.Service!;
            var ready = pod.InApi && !pod.Terminating && pod.Ready;
            if (ready == pod.InSlice)
            {
                continue;
            }
            pod.InSlice = ready;
            if (ready)
            {
                service.Slice.Add(pod);
            }
            else
            {
                service.Slice.Remove(pod);
            }
            engine.Recorder.Endpoints(service);
            var kind = ready ? TraceEventKinds.EndpointAdded : TraceEventKinds.EndpointRemoved;
            if (engine.Logs(kind, service.Name))
            {
                engine.Recorder.Event("kube-controller-manager", kind, service.Name,
                    ready ? $"{pod.Name} is Ready: added to the EndpointSlice ({service.Slice.Count} ready)" : $"{pod.Name} is no longer a ready endpoint ({service.Slice.Count} ready)");
            }
            engine.Proxies.OnSliceChanged(service, pod, ready);
        }
        dirty.Clear();
    }
}
