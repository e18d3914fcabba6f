using Practice.Simulation.Cluster;
using Practice.Simulation.Components;
using Practice.Simulation.Model;

namespace Practice.Simulation.Actions;

/// <summary>
/// Carries out the operator's actions (timeline <c>action:</c> entries and runbook answers).
/// </summary>
/// <remarks>
/// <para>kubectl actions (cordon, uncordon, drain, delete-pod, scale) need a writable API. When it is
/// not, the action is logged as failed and retried as soon as the API accepts writes, as an operator
/// re-running the command (or a GitOps agent) would.</para>
/// <para><c>restart</c> restarts the named component's process:</para>
/// <list type="bullet">
/// <item><c>down</c> models a stopped or hung process, so restarting that component brings it back
/// (clears the fault) — except <c>cni</c>: a broken dataplane is kernel and network state, not a
/// process, and a restart does not mend it; only <c>recover</c> does.</item>
/// <item><c>crashloop</c> models broken config or a broken binary: the restarted process crashes
/// again, so the fault stays.</item>
/// <item><c>slow</c> is cleared: a fresh process is not degraded.</item>
/// <item>Restarting a different component never fixes the faulted one (restarting kube-proxy does
/// not repair the CNI dataplane).</item>
/// </list>
/// <para>Side effects: a restarted kube-proxy relists and reprograms its rules; a kubelet stops for a
/// moment and then relists (its containers keep running); a control-plane component's replicas stop
/// for a moment, so a leader is elected again once the old lease expires; the apiserver is unavailable
/// while it restarts; etcd members that are up restart together and elect a leader (members lost to an
/// <c>etcd: member-down</c> fault stay lost, and a restart never repairs corrupt data).</para>
/// <para><c>drain</c> cordons, then evicts every pod except DaemonSet and static pods.
/// <c>replace-node</c> adds a fresh node, drains the old one and then deletes its Node and VM.
/// <c>restore-etcd</c> needs a <c>snapshot:</c> time: the API is down while members are rebuilt, then
/// desired replica counts go back to their snapshot values and pods created after the snapshot vanish
/// from the API (their kubelets stop them on relist); pods deleted since are not resurrected.</para>
/// </remarks>
internal sealed class ActionRunner
{
    private readonly Engine engine;
    private readonly List<ClusterAction> pending = [];

    public ActionRunner(Engine engine) => this.engine = engine;

    public void Run(ClusterAction action)
    {
        switch (action)
        {
            case RestartAction r:
                Restart(r);
                break;
            case RestoreEtcdAction:
                RestoreEtcd();
                break;
            case AddNodeAction a:
                var added = AddNode(a.Name, a.Zone);
                engine.Log("operator", TraceEventKinds.ActionTaken, added.Name, $"add-node: a new VM {added.Name} boots and its kubelet will register");
                break;
            case ReplaceNodeAction r when engine.Cluster.Node(r.Node) is { } old:
                ReplaceNode(old);
                break;
            case WaitAction w:
                engine.Log("operator", TraceEventKinds.ActionTaken, "wait", $"wait {Format.Duration(w.ForMs)}");
                break;
            default:
                RunKubectl(action, retry: false);
                break;
        }
    }

    public void RetryPending()
    {
        if (pending.Count == 0 || !engine.Api.Writable)
        {
            return;
        }
        var batch = pending.ToArray();
        pending.Clear();
        foreach (var action in batch)
        {
            RunKubectl(action, retry: true);
        }
    }

    private void RunKubectl(ClusterAction action, bool retry)
    {
        var (subject, text) = action switch
        {
            CordonAction c => (c.Node, $"kubectl cordon {c.Node}"),
            UncordonAction u => (u.Node, $"kubectl uncordon {u.Node}"),
            DrainAction d => (d.Node, $"kubectl drain {d.Node} --ignore-daemonsets"),
            DeletePodAction p => (p.Workload, $"kubectl delete pod (one of {p.Workload}{(p.Node is null ? "" : $" on {p.Node}")})"),
            ScaleAction s => (s.Workload, $"kubectl scale {s.Workload} --replicas={s.Replicas}"),
            ApplyAction a => (a.Workload.Name, $"kubectl apply ({a.Workload.Kind} {a.Workload.Name})"),
            _ => ("operator", action.ToString()),
        };
        if (!engine.Api.Writable)
        {
            engine.Log("operator", TraceEventKinds.ActionFailed, subject, $"{text}: the API does not accept writes; retrying when it does");
            pending.Add(action);
            return;
        }
        // kubectl sets no request timeout by default (--request-timeout=0): against a slow control
        // plane the write just lands later, by the extra latency of each call.
        var slow = engine.ControlPlane.WriteDelayMs;
        engine.Log("operator", TraceEventKinds.ActionTaken, subject, (retry ? $"{text} (retried)" : text) + (slow > 0 ? $"; the slow API answers {Format.Duration(slow)} later" : ""));
        if (slow > 0)
        {
            engine.After(slow, () => Apply(action));
        }
        else
        {
            Apply(action);
        }
    }

    private void Apply(ClusterAction action)
    {
        switch (action)
        {
            case CordonAction c when engine.Cluster.Node(c.Node) is { } node:
                engine.Api.SetUnschedulable(node, true);
                break;
            case UncordonAction u when engine.Cluster.Node(u.Node) is { } node:
                node.Drained = false;
                engine.Api.SetUnschedulable(node, false);
                break;
            case DrainAction d when engine.Cluster.Node(d.Node) is { } node:
                Drain(node);
                break;
            case DeletePodAction p when engine.Cluster.WorkloadsByName.TryGetValue(p.Workload, out var w):
                var target = engine.Cluster.Node(p.Node);
                var victim = w.ApiPods.Where(x => x.Active && (p.Node is null || x.Node == target)).OrderBy(x => x.Id).FirstOrDefault();
                if (victim is null)
                {
                    engine.Log("operator", TraceEventKinds.ActionFailed, p.Workload, "no pod of that workload to delete there");
                }
                else
                {
                    engine.Api.MarkTerminating(victim, "operator", TraceEventKinds.PodDeleted, "deleted by kubectl delete pod");
                }
                break;
            case ApplyAction a when engine.Cluster.WorkloadsByName.TryGetValue(a.Workload.Name, out var applied):
                if (applied.ObjectCreated)
                {
                    // Applied again: the spec's replicas are set as a scale would set them.
                    SetReplicas(applied, a.Workload.Replicas, $"{applied.Name} configured: spec.replicas is {a.Workload.Replicas}");
                }
                else
                {
                    Bootstrap.Apply(engine, applied);
                }
                break;
            case ScaleAction s when engine.Cluster.WorkloadsByName.TryGetValue(s.Workload, out var w):
                SetReplicas(w, s.Replicas, $"spec.replicas of {w.Name} is now {s.Replicas}");
                break;
        }
    }

    private void SetReplicas(Workload w, int replicas, string reason)
    {
        w.Desired = replicas;
        w.DesiredHistory.Add((engine.Now, replicas));
        engine.Log("kube-apiserver", TraceEventKinds.ScaledWorkload, w.Name, reason);
        engine.ControllerManager.MarkWorkload(w);
    }

    private void Drain(ClusterNode node)
    {
        node.Drained = true;
        engine.Api.SetUnschedulable(node, true);
        foreach (var pod in node.ApiPods.ToArray())
        {
            if (!pod.Terminating && !pod.IsDaemon && !pod.IsStatic)
            {
                engine.Api.MarkTerminating(pod, "operator", TraceEventKinds.PodEvicted, $"evicted from {node.Name} by kubectl drain");
            }
        }
    }

    private void Restart(RestartAction r)
    {
        var name = Model.Components.NameOf(r.Component);
        if (Model.Components.IsPerNode(r.Component))
        {
            var nodes = r.Node is null ? engine.Cluster.Nodes.ToArray() : engine.Cluster.Node(r.Node) is { } one ? [one] : [];
            foreach (var node in nodes)
            {
                RestartOnNode(node, r.Component, name);
            }
            return;
        }
        var restart = engine.Timings.ComponentRestartMs;
        switch (r.Component)
        {
            case Component.KubeApiserver:
                engine.ControlPlane.SetApiserverSlow(0);
                engine.Log("operator", TraceEventKinds.ActionTaken, name, $"restart {name}: the API is unavailable while replicas restart ({Format.Duration(engine.Timings.ApiserverRestartMs)})");
                var apiFault = engine.Faults.ControlPlaneFault(Component.KubeApiserver);
                if (apiFault == FaultMode.Down)
                {
                    engine.Faults.ClearControlPlaneFault(Component.KubeApiserver);
                }
                for (var i = 0; i < engine.ControlPlane.Apiservers; i++)
                {
                    if (engine.ControlPlane.ApiserverUp(i) || apiFault == FaultMode.Down)
                    {
                        var replica = i;
                        engine.ControlPlane.SetApiserver(replica, false);
                        engine.After(engine.Timings.ApiserverRestartMs, () => engine.ControlPlane.SetApiserver(replica, true));
                    }
                }
                break;
            case Component.Etcd:
                engine.ControlPlane.SetEtcdSlow(0);
                engine.Log("operator", TraceEventKinds.ActionTaken, name, "restart etcd: members restart, then elect a leader");
                var etcdFault = engine.Faults.ControlPlaneFault(Component.Etcd);
                if (etcdFault == FaultMode.Down)
                {
                    engine.Faults.ClearControlPlaneFault(Component.Etcd);
                }
                for (var i = 0; i < engine.ControlPlane.EtcdMembers; i++)
                {
                    if (engine.ControlPlane.MemberUp(i) || (etcdFault == FaultMode.Down && !engine.Faults.MemberLost(i)))
                    {
                        var member = i;
                        engine.ControlPlane.SetMember(member, false, "restarted by the operator");
                        engine.After(restart, () => engine.ControlPlane.SetMember(member, true, "restarted"));
                    }
                }
                break;
            default:
                var elector = r.Component switch
                {
                    Component.KubeScheduler => engine.Scheduler.Elector,
                    Component.KubeControllerManager => engine.ControllerManager.Elector,
                    _ => engine.Cloud.Elector,
                };
                elector.SlowMs = 0;
                engine.Log("operator", TraceEventKinds.ActionTaken, name, $"restart {name}: its replicas stop gracefully for {Format.Duration(restart)}; the leader releases its lease on the way out");
                var fault = engine.Faults.ControlPlaneFault(r.Component);
                if (fault == FaultMode.Down)
                {
                    engine.Faults.ClearControlPlaneFault(r.Component);
                }
                for (var i = 0; i < elector.Replicas; i++)
                {
                    if (elector.ReplicaUp(i) || fault == FaultMode.Down)
                    {
                        var replica = i;
                        elector.SetReplica(replica, false, "restarted by the operator", release: true);
                        engine.After(restart, () => elector.SetReplica(replica, true, "restarted"));
                    }
                }
                break;
        }
    }

    private void RestartOnNode(ClusterNode node, Component component, string name)
    {
        ref var health = ref node.Health[(int)component];
        if (health.Fault == FaultMode.CrashLoop || (health.Fault == FaultMode.Down && component == Component.Cni))
        {
            engine.Log("operator", TraceEventKinds.ActionTaken, node.Name, health.Fault == FaultMode.CrashLoop
                ? $"restart {name} on {node.Name}: it crashes again (whatever breaks it is still there)"
                : $"restart {name} on {node.Name}: the dataplane stays broken (it is not a process a restart could mend)");
            return;
        }
        var fixedFault = health.Fault;
        var wasRunning = health.Works;
        engine.Log("operator", TraceEventKinds.ActionTaken, node.Name, fixedFault switch
        {
            FaultMode.Down => $"restart {name} on {node.Name}: the stopped process starts again",
            FaultMode.Slow => $"restart {name} on {node.Name}: the fresh process is no longer slow",
            _ => $"restart {name} on {node.Name}",
        });
        health.Fault = null;
        health.SlowMs = 0;
        switch (component)
        {
            case Component.Kubelet:
                if (wasRunning)
                {
                    node.Kubelet.Stop();
                }
                engine.After(engine.Timings.ComponentRestartMs, () => node.Kubelet.Start(0));
                break;
            case Component.KubeProxy:
                engine.Proxies.Restart(node);
                engine.Proxies.RefreshNode(node);
                break;
            case Component.ContainerRuntime:
            case Component.CniPlugin:
            case Component.CsiNode:
                node.Kubelet.SyncLocal(resetBackoff: false);
                break;
            case Component.Cni:
                engine.Traffic.MarkAllDirty();
                break;
        }
    }

    private ClusterNode AddNode(string? name, string? zone)
    {
        var cluster = engine.Cluster;
        var k = cluster.Nodes.Count + 1;
        while (name is null || cluster.NodesByName.ContainsKey(name))
        {
            name = $"node-{k++}";
        }
        var node = Bootstrap.NewNode(engine, new NodeSpec { Name = name, Zone = zone ?? cluster.Nodes.FirstOrDefault()?.Zone ?? "a" });
        node.Powered = false;
        engine.Faults.PowerOn(node);
        return node;
    }

    private void ReplaceNode(ClusterNode old)
    {
        var fresh = AddNode(null, old.Zone);
        engine.Log("operator", TraceEventKinds.ActionTaken, old.Name, $"replace-node: {fresh.Name} is added, {old.Name} is drained, then its Node and VM are deleted");
        RunKubectl(new DrainAction(old.Name), retry: false);
        engine.After(engine.Timings.PodGracefulStopMs + 5_000, () =>
        {
            if (engine.Api.Writable)
            {
                engine.Api.DeleteNode(old, "operator", $"kubectl delete node {old.Name}");
            }
            old.VmGone = true;
            engine.Faults.PowerOff(old);
        });
    }

    /// <summary>What the etcd snapshot holds: the pod objects and where they were bound, each node's cordon, and how many objects.</summary>
    private EtcdSnapshot? snapshot;

    private sealed record EtcdSnapshot(long AtMs, List<(Pod Pod, ClusterNode? Node)> Pods, Dictionary<ClusterNode, bool> Unschedulable, int Objects);

    /// <summary><c>etcdctl snapshot save</c>: the API's objects as they are now.</summary>
    public void TakeSnapshot()
    {
        var cluster = engine.Cluster;
        var pods = cluster.Workloads.SelectMany(w => w.ApiPods).Where(p => p.Active).Select(p => (p, p.Node)).ToList();
        var nodes = cluster.Nodes.Where(n => n.InApi).ToDictionary(n => n, n => n.Unschedulable);
        // Pods, Nodes with their Leases, and each workload with its ReplicaSet or controller revision.
        snapshot = new EtcdSnapshot(engine.Now, pods, nodes, pods.Count + 2 * nodes.Count + 2 * cluster.Workloads.Count);
    }

    /// <summary>
    /// <c>etcdutl snapshot restore</c> and members restarted on the restored data: every object
    /// returns to what the snapshot held. Pods created since are gone, pods deleted since are back
    /// (bound to the node they had), spec.replicas and cordons are as they were; the kubelets then
    /// reconcile what runs with what the API says. Rebuilding the members takes a base time plus
    /// time in proportion to the objects in the snapshot.
    /// </summary>
    private void RestoreEtcd()
    {
        if (snapshot is not { } taken || taken.AtMs > engine.Now)
        {
            engine.Log("operator", TraceEventKinds.ActionFailed, "etcd", "restore-etcd: there is no snapshot to restore from (set snapshot: in the cluster section)");
            return;
        }
        var t = engine.Timings;
        var duration = t.EtcdRestoreMs + taken.Objects * t.EtcdRestorePerThousandObjectsMs / 1000;
        engine.Log("operator", TraceEventKinds.ActionTaken, "etcd",
            $"restore-etcd from the snapshot taken at {Format.Duration(taken.AtMs)}: members are rebuilt from {taken.Objects} objects ({Format.Duration(duration)})");
        var cp = engine.ControlPlane;
        cp.SetAllMembers(false, "being restored from a snapshot");
        engine.After(duration, () =>
        {
            var snapshotAt = taken.AtMs;
            foreach (var w in engine.Cluster.Workloads)
            {
                if (w.ObjectCreated && w.AppliedAtMs > snapshotAt)
                {
                    // Applied after the snapshot: the restored data has no such object (its pods go below).
                    w.ObjectCreated = false;
                    w.ReplicaSetCreated = false;
                }
                var desired = w.DesiredHistory.LastOrDefault(h => h.AtMs <= snapshotAt);
                if (w.DesiredHistory.Count > 0 && desired.Replicas != w.Desired)
                {
                    w.Desired = desired.Replicas;
                    w.DesiredHistory.Add((engine.Now, w.Desired));
                }
                foreach (var pod in w.ApiPods.ToArray())
                {
                    if (pod.CreatedAtMs > snapshotAt)
                    {
                        engine.Api.RemovePod(pod, "etcd", "created after the snapshot, so absent from the restored data");
                    }
                }
            }
            foreach (var (pod, node) in taken.Pods)
            {
                if (pod.InApi)
                {
                    continue;
                }
                if (node is { InApi: false })
                {
                    continue;
                }
                if (pod.Workload.Kind == WorkloadKind.StatefulSet && pod.Ordinal < pod.Workload.Ordinals.Count)
                {
                    if (pod.Workload.Ordinals[pod.Ordinal] is not null)
                    {
                        continue;
                    }
                    pod.Workload.Ordinals[pod.Ordinal] = pod;
                }
                engine.Api.CreatePod(pod, node, "etcd", TraceEventKinds.PodCreated);
                pod.CreatedAtMs = snapshotAt;
                engine.Log("etcd", LogOnlyEventKinds.RestoredFromSnapshot, pod.Workload.Name, $"{pod.Name} is back from the snapshot{(node is null ? "" : $", bound to {node.Name}")}: it was deleted after the snapshot was taken");
                if (node is null)
                {
                    continue;
                }
                node.Kubelet.OnPodBound(pod);
            }
            foreach (var (node, unschedulable) in taken.Unschedulable)
            {
                if (node.InApi && node.Unschedulable != unschedulable)
                {
                    if (!unschedulable)
                    {
                        node.Drained = false;
                    }
                    engine.Api.SetUnschedulable(node, unschedulable);
                    engine.Log("etcd", LogOnlyEventKinds.RestoredFromSnapshot, node.Name, unschedulable
                        ? $"{node.Name} is cordoned again, as it was when the snapshot was taken"
                        : $"{node.Name} is schedulable again: its cordon came after the snapshot");
                }
            }
            cp.SetCorrupt(false);
            cp.SetAllMembers(true, "restored");
            engine.Log("etcd", TraceEventKinds.EtcdRestored, "etcd", $"etcd restored: the cluster state is as it was at {Format.Duration(snapshotAt)}");
        });
    }
}
