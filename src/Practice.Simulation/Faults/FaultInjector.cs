using Practice.Simulation.Cluster;
using Practice.Simulation.Components;
using Practice.Simulation.Model;

namespace Practice.Simulation.Faults;

/// <summary>
/// Applies the timeline's faults and recoveries to the cluster.
/// </summary>
/// <remarks>
/// <para><c>down</c> and <c>crashloop</c> have the same effect: a crash-looping process never stays up
/// long enough to do useful work; the log says which it was. <c>slow</c> adds its latency to every
/// operation of that component (API writes for the apiserver and etcd, bindings for the scheduler,
/// reconciles for the controllers, lease and status writes for the kubelet, container starts for the
/// runtime, sandbox setup for the CNI plugin, mounts for the CSI plugin, rule syncs for kube-proxy).</para>
/// <para>A control-plane component fault hits every replica unless <see cref="ComponentFault.Replica"/>
/// names one: <c>leader</c> (whichever replica of kube-scheduler, kube-controller-manager,
/// cloud-controller-manager or etcd leads at that moment; the matching recovery brings that same one
/// back), or <c>K</c> / <c>NAME-K</c> (replica K, e.g. <c>2</c> or <c>kube-scheduler-2</c>).</para>
/// <para>A per-node fault with no node hits the nodes that exist when it happens.</para>
/// </remarks>
internal sealed class FaultInjector
{
    private readonly Engine engine;
    private readonly Dictionary<EtcdLeaderDown, int> leaderDownMember = [];
    private readonly HashSet<int> lostMembers = [];
    private readonly Dictionary<Component, FaultMode> controlPlaneFaults = [];

    public FaultInjector(Engine engine) => this.engine = engine;

    public void Inject(Fault fault) => Apply(fault, recover: false);

    /// <summary>The mode of an active fault on a control-plane component, if any (restart semantics depend on it).</summary>
    public FaultMode? ControlPlaneFault(Component component) => controlPlaneFaults.TryGetValue(component, out var mode) ? mode : null;

    /// <summary>An etcd member lost to a member-down or leader-down fault (a restart does not bring it back).</summary>
    public bool MemberLost(int member) => lostMembers.Contains(member);

    /// <summary>A restart brought a stopped control-plane component back.</summary>
    public void ClearControlPlaneFault(Component component) => controlPlaneFaults.Remove(component);

    public void Recover(Fault fault) => Apply(fault, recover: true);

    private void Apply(Fault fault, bool recover)
    {
        var kind = recover ? TraceEventKinds.FaultRecovered : TraceEventKinds.FaultInjected;
        switch (fault)
        {
            case ComponentFault f:
                engine.Log("fault", kind, Model.Components.NameOf(f.Component), Describe(f, recover));
                if (Model.Components.IsPerNode(f.Component))
                {
                    foreach (var node in Targets(f.Node))
                    {
                        NodeComponent(node, f, recover);
                    }
                }
                else
                {
                    ControlPlaneComponent(f, recover);
                }
                break;
            case NodePowerOff p when engine.Cluster.Node(p.Node) is { } node:
                engine.Log("fault", kind, node.Name, recover ? $"{node.Name} is powered on again" : $"{node.Name} loses power: every container on it stops");
                if (recover)
                {
                    PowerOn(node);
                }
                else
                {
                    PowerOff(node);
                }
                break;
            case VmTerminated v when engine.Cluster.Node(v.Node) is { } node:
                if (recover)
                {
                    engine.Log("fault", kind, node.Name, $"a terminated VM cannot come back: {node.Name} stays gone (add or replace a node instead)");
                    break;
                }
                engine.Log("fault", kind, node.Name, $"the VM behind {node.Name} is terminated by the cloud provider");
                node.VmGone = true;
                PowerOff(node);
                break;
            case NetworkPartition p:
                Partition(p, recover, kind);
                break;
            case EtcdMembersDown m:
                engine.Log("fault", kind, "etcd", recover ? $"etcd members 1..{m.Count} are back" : $"etcd members 1..{m.Count} go down");
                for (var i = 0; i < Math.Min(m.Count, engine.ControlPlane.EtcdMembers); i++)
                {
                    if (recover)
                    {
                        lostMembers.Remove(i);
                    }
                    else
                    {
                        lostMembers.Add(i);
                    }
                    engine.ControlPlane.SetMember(i, recover, "member down");
                }
                break;
            case EtcdLeaderDown l:
                if (recover)
                {
                    var member = leaderDownMember.Remove(l, out var m) ? m : -1;
                    engine.Log("fault", kind, "etcd", member >= 0 ? $"{ControlPlane.MemberName(member)} (the former leader) is back" : "no etcd leader had been taken down");
                    if (member >= 0)
                    {
                        lostMembers.Remove(member);
                        engine.ControlPlane.SetMember(member, true, "recovered");
                    }
                }
                else
                {
                    var leader = engine.ControlPlane.EtcdLeader;
                    engine.Log("fault", kind, "etcd", leader >= 0 ? $"the etcd leader {ControlPlane.MemberName(leader)} goes down" : "etcd has no leader at this moment: nothing to take down");
                    if (leader >= 0)
                    {
                        leaderDownMember[l] = leader;
                        lostMembers.Add(leader);
                        engine.ControlPlane.SetMember(leader, false, "fault: leader down");
                    }
                }
                break;
            case EtcdCorrupt:
                engine.Log("fault", kind, "etcd", recover ? "etcd data is repaired" : "etcd data is corrupt: the apiserver cannot serve until it is restored from a snapshot");
                engine.ControlPlane.SetCorrupt(!recover);
                break;
            case RegistryDown:
                engine.Log("fault", kind, "registry", recover ? "the image registry answers again" : "the image registry is down: nodes without the image cannot start new containers");
                engine.Cluster.RegistryDown = !recover;
                if (recover)
                {
                    SyncAllKubelets();
                }
                break;
            case DiskFull d when engine.Cluster.Node(d.Node) is { } node:
                engine.Log("fault", kind, node.Name, recover ? $"disk space on {node.Name} is freed" : $"the disk of {node.Name} is full: no new container can start there");
                node.DiskFull = !recover;
                if (recover)
                {
                    node.Kubelet.SyncLocal(resetBackoff: false);
                }
                break;
        }
    }

    private IEnumerable<ClusterNode> Targets(string? node) =>
        node is null ? engine.Cluster.Nodes.ToArray() : engine.Cluster.Node(node) is { } n ? [n] : [];

    private static string Describe(ComponentFault f, bool recover)
    {
        var where = Model.Components.IsPerNode(f.Component)
            ? f.Node is null ? " on every node" : $" on {f.Node}"
            : (f.Replica ?? f.Node) is { } replica ? (replica == "leader" ? " (the leader)" : $" (replica {replica})") : " (every replica)";
        var name = Model.Components.NameOf(f.Component);
        if (recover)
        {
            return $"{name}{where} works again";
        }
        return f.Mode switch
        {
            FaultMode.CrashLoop => $"{name}{where} is crash-looping",
            FaultMode.Slow => $"{name}{where} is slow: +{Format.Duration(f.SlowLatencyMs)} per operation",
            _ => $"{name}{where} is down",
        };
    }

    private void NodeComponent(ClusterNode node, ComponentFault f, bool recover)
    {
        ref var health = ref node.Health[(int)f.Component];
        var wasWorking = health.Works;
        health.Fault = recover ? null : f.Mode;
        health.SlowMs = recover ? 0 : f.SlowLatencyMs;
        var works = health.Works;
        switch (f.Component)
        {
            case Component.Kubelet:
                if (wasWorking && !works)
                {
                    node.Kubelet.Stop();
                }
                else if (!wasWorking && works)
                {
                    node.Kubelet.Start(0);
                }
                break;
            case Component.ContainerRuntime:
            case Component.CniPlugin:
            case Component.CsiNode:
                if (works)
                {
                    node.Kubelet.SyncLocal(resetBackoff: false);
                }
                break;
            case Component.KubeProxy:
                engine.Proxies.RefreshNode(node);
                break;
            case Component.Cni:
                engine.Traffic.MarkAllDirty();
                break;
        }
    }

    private void ControlPlaneComponent(ComponentFault f, bool recover)
    {
        var slow = !recover && f.Mode == FaultMode.Slow ? f.SlowLatencyMs : 0;
        var broken = !recover && f.Mode != FaultMode.Slow;
        var replica = f.Replica ?? f.Node;
        if (recover)
        {
            controlPlaneFaults.Remove(f.Component);
        }
        else
        {
            controlPlaneFaults[f.Component] = f.Mode;
        }
        switch (f.Component)
        {
            case Component.KubeApiserver:
                engine.ControlPlane.SetApiserverSlow(slow);
                foreach (var i in Replicas(replica, "kube-apiserver", engine.ControlPlane.Apiservers, -1))
                {
                    engine.ControlPlane.SetApiserver(i, !broken);
                }
                break;
            case Component.Etcd:
                engine.ControlPlane.SetEtcdSlow(slow);
                foreach (var i in Replicas(replica, "etcd", engine.ControlPlane.EtcdMembers, engine.ControlPlane.EtcdLeader))
                {
                    engine.ControlPlane.SetMember(i, !broken, Describe(f, recover));
                }
                break;
            case Component.KubeScheduler:
                Elector(engine.Scheduler.Elector, f, broken, slow, recover);
                break;
            case Component.KubeControllerManager:
                Elector(engine.ControllerManager.Elector, f, broken, slow, recover);
                break;
            case Component.CloudControllerManager:
                Elector(engine.Cloud.Elector, f, broken, slow, recover);
                break;
        }
    }

    private void Elector(LeaderElector elector, ComponentFault f, bool broken, long slow, bool recover)
    {
        elector.SlowMs = slow;
        foreach (var i in Replicas(f.Replica ?? f.Node, Model.Components.NameOf(f.Component), elector.Replicas, elector.Leader))
        {
            elector.SetReplica(i, !broken, recover ? "recovered" : Describe(f, recover));
        }
    }

    /// <summary>Which replicas a control-plane fault names: all, "leader", or "NAME-K" / "K".</summary>
    private readonly Dictionary<string, int[]> resolvedLeaders = new(StringComparer.Ordinal);

    private IEnumerable<int> Replicas(string? selector, string component, int count, int leader)
    {
        if (selector is null)
        {
            return Enumerable.Range(0, count);
        }
        if (selector == "leader")
        {
            // Remember which replica "leader" meant, so the matching recover brings that one back.
            var key = component;
            if (leader >= 0 && !resolvedLeaders.ContainsKey(key))
            {
                resolvedLeaders[key] = [leader];
                return [leader];
            }
            return resolvedLeaders.Remove(key, out var was) ? was : [];
        }
        var text = selector.StartsWith(component + "-", StringComparison.Ordinal) ? selector[(component.Length + 1)..] : selector;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= count
            ? [k - 1]
            : [];
    }

    public void PowerOff(ClusterNode node)
    {
        if (!node.Powered)
        {
            return;
        }
        node.Powered = false;
        node.Booting = false;
        node.Kubelet.PowerLost();
        engine.Proxies.RefreshNode(node);
        engine.Traffic.MarkAllDirty();
    }

    public void PowerOn(ClusterNode node)
    {
        if (node.Powered || node.VmGone)
        {
            return;
        }
        node.Powered = true;
        node.Booting = true;
        engine.Proxies.RefreshNode(node);
        engine.After(engine.Timings.NodeBootMs, () =>
        {
            if (!node.Powered || !node.Booting)
            {
                return;
            }
            node.Booting = false;
            node.Kubelet.Start(0);
            engine.Proxies.RefreshNode(node);
            engine.Traffic.MarkAllDirty();
        });
    }

    private void Partition(NetworkPartition p, bool recover, string kind)
    {
        var cluster = engine.Cluster;
        var group = p.Nodes.Select(cluster.Node).OfType<ClusterNode>().Select(n => n.Index).ToHashSet();
        var from = p.FromNodes.Select(cluster.Node).OfType<ClusterNode>().Select(n => n.Index).ToHashSet();
        var what = p.From switch
        {
            PartitionFrom.ControlPlane => "the control plane",
            PartitionFrom.Nodes => "every other node",
            _ => string.Join(", ", p.FromNodes),
        };
        engine.Log("fault", kind, string.Join(",", p.Nodes), recover ? $"{string.Join(", ", p.Nodes)} can reach {what} again" : $"{string.Join(", ", p.Nodes)} cut off from {what}");
        if (recover)
        {
            cluster.Partitions.RemoveAll(a => a.Fault.From == p.From && a.Group.SetEquals(group) && a.From.SetEquals(from));
        }
        else
        {
            cluster.Partitions.Add(new ActivePartition(p, group, from));
        }
        cluster.RefreshPartitionFlags();
        foreach (var node in cluster.Nodes)
        {
            node.Kubelet.RefreshConnectivity();
        }
        engine.Traffic.MarkAllDirty();
    }

    private void SyncAllKubelets()
    {
        foreach (var node in engine.Cluster.Nodes)
        {
            node.Kubelet.SyncLocal(resetBackoff: false);
        }
    }
}
