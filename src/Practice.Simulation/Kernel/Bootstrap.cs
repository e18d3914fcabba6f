using Practice.Simulation.Cluster;
using Practice.Simulation.Components;
using Practice.Simulation.Model;

namespace Practice.Simulation;

/// <summary>
/// Builds the cluster as it stands at time 0 (control plane elected, nodes Ready, leases renewed at
/// seeded offsets so 5,000 nodes do not renew in lockstep), applies the workloads as <c>kubectl apply</c>
/// would at 0 s, and schedules the timeline.
/// </summary>
internal static class Bootstrap
{
    public static void Build(Engine engine)
    {
        var spec = engine.Spec;
        var cluster = engine.Cluster;
        // Workloads a timeline `apply` creates later are known from the start (probes name them) but not applied.
        var applied = spec.Timeline.OfType<ActionEntry>().Select(a => a.Action).OfType<ApplyAction>().Select(a => a.Workload);
        foreach (var w in spec.Cluster.Workloads.Concat(applied))
        {
            if (cluster.WorkloadsByName.ContainsKey(w.Name))
            {
                continue;
            }
            var workload = new Workload(cluster.Workloads.Count, w);
            cluster.Workloads.Add(workload);
            cluster.WorkloadsByName[w.Name] = workload;
            if (w.Service is not null)
            {
                var existing = cluster.Services.FirstOrDefault(s => s.Name == w.Service);
                if (existing is null)
                {
                    existing = new Service(cluster.Services.Count, w.Service!, workload);
                    cluster.Services.Add(existing);
                }
                workload.Service = existing;
            }
        }

        engine.ControlPlane.Start(spec.Cluster.Etcd, spec.Cluster.Apiservers);
        foreach (var n in spec.Cluster.Nodes)
        {
            var node = NewNode(engine, n);
            engine.Api.RegisterNode(node);
        }

        var appliedAtStart = spec.Cluster.Workloads.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var w in cluster.Workloads)
        {
            if (w.Kind == WorkloadKind.StaticPod)
            {
                if (cluster.Node(w.Spec.Node) is { } home)
                {
                    home.Kubelet.AddStaticPod(engine.Api.NewPod(w, 0));
                }
                continue;
            }
            if (appliedAtStart.Contains(w.Name))
            {
                Apply(engine, w);
            }
        }
        foreach (var node in cluster.Nodes)
        {
            node.Kubelet.Start(engine.Random.Next(engine.Timings.NodeLeaseRenewIntervalMs));
            node.Kubelet.AssumeConnected();
        }
        engine.Traffic.MarkAllDirty();

        if (spec.Cluster.SnapshotAtMs is { } snapshotAt)
        {
            engine.At(snapshotAt, () =>
            {
                engine.Actions.TakeSnapshot();
                engine.Log("etcd", LogOnlyEventKinds.EtcdSnapshot, "etcd", "etcdctl snapshot save: a snapshot of the cluster state is taken");
            });
        }
        ScheduleTimeline(engine);

        // Leader elections are events at 0 s queued after the timeline's, so a component faulted
        // "at: 0s" never leads before its fault.
        engine.Scheduler.Elector.Start(spec.Cluster.Schedulers);
        engine.ControllerManager.Start(spec.Cluster.ControllerManagers);
        engine.NodeLifecycle.Start();
        engine.Cloud.Start(1);
    }

    /// <summary><c>kubectl apply</c>: the workload object exists from now on; its controller takes it from there.</summary>
    public static void Apply(Engine engine, Workload w)
    {
        w.ObjectCreated = true;
        w.AppliedAtMs = engine.Now;
        w.DesiredHistory.Add((engine.Now, w.Desired));
        var kind = w.Kind switch
        {
            WorkloadKind.Deployment => TraceEventKinds.DeploymentCreated,
            WorkloadKind.StatefulSet => TraceEventKinds.StatefulSetCreated,
            _ => TraceEventKinds.DaemonSetCreated,
        };
        engine.Log("kubectl", kind, w.Name, w.Kind == WorkloadKind.DaemonSet ? $"{w.Kind} {w.Name} applied" : $"{w.Kind} {w.Name} applied with {w.Desired} replicas");
        engine.ControllerManager.MarkWorkload(w);
        if (w.Service is { } service)
        {
            engine.Traffic.MarkDirty(service);
        }
    }

    private static void ScheduleTimeline(Engine engine)
    {
        foreach (var entry in engine.Spec.Timeline.OrderBy(e => e.AtMs))
        {
            switch (entry)
            {
                case FaultEntry f:
                    engine.At(entry.AtMs, () => engine.Faults.Inject(f.Fault));
                    break;
                case RecoverEntry r:
                    engine.At(entry.AtMs, () => engine.Faults.Recover(r.Fault));
                    break;
                case ActionEntry a:
                    engine.At(entry.AtMs, () => engine.Actions.Run(a.Action));
                    break;
            }
        }
    }

    public static ClusterNode NewNode(Engine engine, NodeSpec spec)
    {
        var cluster = engine.Cluster;
        var node = new ClusterNode(cluster.Nodes.Count, spec, cluster.Workloads.Count) { Powered = true };
        node.Kubelet = new Kubelet(engine, node);
        cluster.Nodes.Add(node);
        cluster.NodesByName[node.Name] = node;
        engine.Recorder.ProxyMode(node);
        return node;
    }
}
