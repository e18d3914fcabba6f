using Practice.Simulation.Cluster;

namespace Practice.Simulation.Components;

/// <summary>
/// The node lifecycle controller (in kube-controller-manager) and its taint-based eviction.
/// </summary>
/// <remarks>
/// Every node-monitor-period (5 s) it compares each node's last lease renewal with the grace period
/// (50 s from 1.32, 40 s before). It measures from the later of the renewal and the moment it started
/// leading, as the real controller measures from when it last observed a change. A stale node gets
/// Ready=Unknown, the <c>unreachable:NoSchedule</c> taint, and its pods Ready=false (so they leave the
/// EndpointSlices). A node whose kubelet reports Ready=False (runtime down) is handled the same way with
/// <c>not-ready</c> taints. The NoExecute taint is rate-limited per zone: one node per 10 s normally,
/// one per 100 s in a large zone (over 50 nodes) with at least 55% (and more than 2) nodes unhealthy,
/// none in a small such zone, and none at all when every zone is fully disrupted (the controller then
/// assumes its own connectivity is the problem). Pods without a matching toleration are evicted when
/// their tolerationSeconds (300 s by default) run out; DaemonSet and static pods tolerate it forever.
/// </remarks>
internal sealed class NodeLifecycleController
{
    private readonly Engine engine;
    private readonly Dictionary<string, Queue<ClusterNode>> taintQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> nextTaintAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Ready, int NotReady)> zones = new(StringComparer.Ordinal);
    private bool passScheduled;

    public NodeLifecycleController(Engine engine) => this.engine = engine;

    private ControllerManager Kcm => engine.ControllerManager;

    public void Start() => engine.After(engine.Timings.NodeMonitorPeriodMs, Monitor);

    private void Monitor()
    {
        if (Kcm.Active && engine.Api.Writable)
        {
            MonitorNodes();
        }
        engine.After(engine.Timings.NodeMonitorPeriodMs, Monitor);
    }

    private void MonitorNodes()
    {
        var t = engine.Timings;
        var since = Kcm.Elector.LeaderSinceMs;
        foreach (var node in engine.Cluster.ApiNodes)
        {
            // node_lifecycle_controller.go, tryUpdateNodeHealth: the controller stamps a renewal with
            // its own time when it first sees it, at one of its 5 s passes (probeTimestamp); a new
            // leader starts with no stamps, so it gives every node a full grace period.
            if (node.LeaseRenewedAtMs != node.MonitorSeenRenewalMs || node.MonitorObservedAtMs < since)
            {
                node.MonitorSeenRenewalMs = node.LeaseRenewedAtMs;
                node.MonitorObservedAtMs = engine.Now;
            }
            var stale = engine.Now - node.MonitorObservedAtMs >= t.NodeMonitorGracePeriodMs;
            if (stale && node.Ready != NodeCondition.Unknown)
            {
                engine.Api.SetNodeReady(node, NodeCondition.Unknown);
                engine.Log("kube-controller-manager", TraceEventKinds.NodeNotReady, node.Name,
                    $"{node.Name} missed lease renewals for {Format.Duration(engine.Now - node.LeaseRenewedAtMs)} (grace period {Format.Duration(t.NodeMonitorGracePeriodMs)}); marking Ready=Unknown");
                TaintNoSchedule(node, unreachable: true);
                MarkPodsNotReady(node);
                Enqueue(node);
            }
            else if (node.Ready == NodeCondition.False && !node.NotReadyNoSchedule)
            {
                TaintNoSchedule(node, unreachable: false);
                MarkPodsNotReady(node);
                Enqueue(node);
            }
            else if (node.Ready == NodeCondition.True && (node.UnreachableNoSchedule || node.NotReadyNoSchedule || node.NoExecuteTaint))
            {
                node.UnreachableNoSchedule = false;
                node.NotReadyNoSchedule = false;
                node.QueuedForNoExecute = false;
                if (node.NoExecuteTaint)
                {
                    node.NoExecuteTaint = false;
                    node.NoExecuteEpoch++;
                }
                engine.Log("kube-controller-manager", TraceEventKinds.TaintRemoved, node.Name, $"{node.Name} is Ready again: not-ready/unreachable taints removed");
                engine.Scheduler.OnClusterChanged();
            }
            if (node.DiskFull != node.DiskPressureNoSchedule && node.Ready == NodeCondition.True)
            {
                node.DiskPressureNoSchedule = node.DiskFull;
                engine.Log("kube-controller-manager", node.DiskFull ? TraceEventKinds.TaintAdded : TraceEventKinds.TaintRemoved, node.Name,
                    node.DiskFull ? $"{node.Name} reports DiskPressure: node.kubernetes.io/disk-pressure:NoSchedule" : $"{node.Name} no longer reports DiskPressure");
                if (!node.DiskFull)
                {
                    engine.Scheduler.OnClusterChanged();
                }
            }
        }
    }

    private void TaintNoSchedule(ClusterNode node, bool unreachable)
    {
        if (unreachable)
        {
            node.UnreachableNoSchedule = true;
        }
        else
        {
            node.NotReadyNoSchedule = true;
        }
        engine.Log("kube-controller-manager", TraceEventKinds.TaintAdded, node.Name,
            $"node.kubernetes.io/{(unreachable ? "unreachable" : "not-ready")}:NoSchedule added to {node.Name}: no new pods go there");
    }

    private void MarkPodsNotReady(ClusterNode node)
    {
        node.PodStatusesOverridden = true;
        foreach (var pod in node.ApiPods.ToArray())
        {
            if (pod.Ready)
            {
                engine.Api.SetPodStatus(pod, pod.Status, ready: false);
                if (engine.Logs(TraceEventKinds.PodNotReady, pod.Workload.Name))
                {
                    engine.Recorder.Event("kube-controller-manager", TraceEventKinds.PodNotReady, pod.Workload.Name, $"{pod.Name} marked Ready=false because {node.Name} is not ready");
                }
            }
        }
    }

    private void Enqueue(ClusterNode node)
    {
        if (node.QueuedForNoExecute || node.NoExecuteTaint)
        {
            return;
        }
        node.QueuedForNoExecute = true;
        if (!taintQueues.TryGetValue(node.Zone, out var q))
        {
            q = new Queue<ClusterNode>();
            taintQueues[node.Zone] = q;
        }
        q.Enqueue(node);
        SchedulePass(engine.Now + engine.Timings.NoExecuteTaintPassMs);
    }

    private void SchedulePass(long at)
    {
        if (passScheduled)
        {
            return;
        }
        passScheduled = true;
        engine.At(at, TaintPass);
    }

    private void TaintPass()
    {
        passScheduled = false;
        if (!Kcm.Active || !engine.Api.Writable)
        {
            if (taintQueues.Values.Any(q => q.Count > 0))
            {
                SchedulePass(engine.Now + engine.Timings.NodeMonitorPeriodMs);
            }
            return;
        }
        CountZones();
        var allFullyDisrupted = zones.Count > 0 && zones.Values.All(z => z.Ready == 0 && z.NotReady > 0);
        long nextPass = long.MaxValue;
        foreach (var (zone, queue) in taintQueues.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            while (queue.Count > 0 && (!queue.Peek().QueuedForNoExecute || !queue.Peek().InApi || queue.Peek().Ready == NodeCondition.True))
            {
                queue.Dequeue().QueuedForNoExecute = false;
            }
            if (queue.Count == 0)
            {
                continue;
            }
            var interval = Interval(zone, allFullyDisrupted);
            if (interval == long.MaxValue)
            {
                nextPass = Math.Min(nextPass, engine.Now + engine.Timings.NodeMonitorPeriodMs);
                continue;
            }
            var allowed = nextTaintAt.GetValueOrDefault(zone, long.MinValue);
            if (allowed > engine.Now)
            {
                nextPass = Math.Min(nextPass, allowed);
                continue;
            }
            var node = queue.Dequeue();
            node.QueuedForNoExecute = false;
            TaintNoExecute(node);
            nextTaintAt[zone] = engine.Now + interval;
            if (queue.Count > 0)
            {
                nextPass = Math.Min(nextPass, engine.Now + interval);
            }
        }
        if (nextPass != long.MaxValue)
        {
            SchedulePass(nextPass);
        }
    }

    private void CountZones()
    {
        zones.Clear();
        foreach (var node in engine.Cluster.ApiNodes)
        {
            var z = zones.GetValueOrDefault(node.Zone);
            zones[node.Zone] = node.Ready == NodeCondition.True ? (z.Ready + 1, z.NotReady) : (z.Ready, z.NotReady + 1);
        }
    }

    private long Interval(string zone, bool allFullyDisrupted)
    {
        var t = engine.Timings;
        var (ready, notReady) = zones.GetValueOrDefault(zone);
        var size = ready + notReady;
        if (ready == 0 && notReady > 0)
        {
            return allFullyDisrupted ? long.MaxValue : t.NodeEvictionIntervalMs;
        }
        if (notReady > 2 && notReady >= t.UnhealthyZoneThreshold * size)
        {
            return size > t.LargeClusterSizeThreshold ? t.SecondaryNodeEvictionIntervalMs : long.MaxValue;
        }
        return t.NodeEvictionIntervalMs;
    }

    private void TaintNoExecute(ClusterNode node)
    {
        var unreachable = node.Ready == NodeCondition.Unknown;
        node.NoExecuteTaint = true;
        var epoch = ++node.NoExecuteEpoch;
        var toleration = engine.Timings.TolerationSecondsMs;
        engine.Log("kube-controller-manager", TraceEventKinds.TaintAdded, node.Name,
            $"node.kubernetes.io/{(unreachable ? "unreachable" : "not-ready")}:NoExecute added to {node.Name}; pods tolerate it for {Format.Duration(toleration)}, then they are evicted");
        engine.After(toleration, () => Evict(node, epoch));
    }

    private void Evict(ClusterNode node, int epoch)
    {
        if (node.NoExecuteEpoch != epoch || !node.NoExecuteTaint || !node.InApi)
        {
            return;
        }
        if (!Kcm.Active || !engine.Api.Writable)
        {
            engine.After(engine.Timings.NodeMonitorPeriodMs, () => Evict(node, epoch));
            return;
        }
        foreach (var pod in node.ApiPods.ToArray())
        {
            if (!pod.Terminating && !pod.IsDaemon && !pod.IsStatic)
            {
                engine.Api.MarkTerminating(pod, "kube-controller-manager", TraceEventKinds.PodEvicted,
                    $"evicted from {node.Name}: its toleration of the NoExecute taint ran out after {Format.Duration(engine.Timings.TolerationSecondsMs)}");
            }
        }
    }
}

/// <summary>
/// cloud-controller-manager's node lifecycle: every 5 s, a node that is not Ready is checked against
/// the cloud. A VM that no longer exists gets its Node deleted (pod GC then removes its pods, so they
/// are recreated elsewhere long before the 300 s eviction); a VM that is merely shut down gets the
/// shutdown taint.
/// </summary>
internal sealed class CloudControllerManager
{
    private readonly Engine engine;

    public CloudControllerManager(Engine engine)
    {
        this.engine = engine;
        Elector = new LeaderElector(engine, "cloud-controller-manager", () => { });
    }

    public LeaderElector Elector { get; }

    public void Start(int replicas)
    {
        Elector.Start(replicas);
        engine.After(engine.Timings.CloudNodeMonitorPeriodMs, Monitor);
    }

    private void Monitor()
    {
        if (Elector.Leading && engine.Api.Writable)
        {
            foreach (var node in engine.Cluster.ApiNodes.ToArray())
            {
                if (node.Ready == NodeCondition.True)
                {
                    if (node.ShutdownTaint && node.Powered)
                    {
                        node.ShutdownTaint = false;
                        engine.Log("cloud-controller-manager", TraceEventKinds.TaintRemoved, node.Name, $"{node.Name} is running again: shutdown taint removed");
                        engine.Scheduler.OnClusterChanged();
                    }
                    continue;
                }
                if (node.VmGone)
                {
                    engine.Api.DeleteNode(node, "cloud-controller-manager", $"the VM behind {node.Name} no longer exists in the cloud: Node deleted");
                }
                else if (!node.Powered && !node.ShutdownTaint)
                {
                    node.ShutdownTaint = true;
                    engine.Log("cloud-controller-manager", TraceEventKinds.TaintAdded, node.Name, $"the VM behind {node.Name} is shut down: node.cloudprovider.kubernetes.io/shutdown:NoSchedule");
                }
            }
        }
        engine.After(engine.Timings.CloudNodeMonitorPeriodMs, Monitor);
    }
}
