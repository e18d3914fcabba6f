using Practice.Simulation.Cluster;

namespace Practice.Simulation.Components;

/// <summary>
/// kube-scheduler: takes pods without a node from its queue (FIFO, equal priorities), filters the
/// nodes, scores the feasible ones and posts a Binding. It starts nothing itself.
/// </summary>
/// <remarks>
/// Filters: NodeUnschedulable, NoSchedule taints (not-ready, unreachable, disk-pressure, cloud
/// shutdown) unless tolerated (DaemonSet pods tolerate them), NodeResourcesFit, max pods, nodeSelector,
/// DaemonSet node affinity. Scores: NodeResourcesFit LeastAllocated (1), BalancedAllocation (1) and
/// the default PodTopologySpread by hostname (2); ties are broken at random from the seed, as the real
/// scheduler does. Like <c>percentageOfNodesToScore</c>, on 100+ nodes it stops after finding
/// max(100, n·max(5, 50 − n/125)%) feasible nodes, starting where the previous cycle stopped.
/// Throughput is bounded by <see cref="Model.TimingProfile.SchedulerPodsPerSecond"/> (client QPS).
/// </remarks>
internal sealed class Scheduler
{
    private readonly Engine engine;
    private readonly Queue<Pod> active = new();
    private readonly List<Pod> unschedulable = [];
    private readonly List<ClusterNode> feasible = [];
    private readonly List<ClusterNode> best = [];
    private bool cycleScheduled;
    private int nextStartIndex;

    public Scheduler(Engine engine)
    {
        this.engine = engine;
        Elector = new LeaderElector(engine, "kube-scheduler", OnClusterChanged);
    }

    public LeaderElector Elector { get; }

    private bool Active => Elector.Leading && engine.Api.Available;

    public void Enqueue(Pod pod)
    {
        active.Enqueue(pod);
        Kick();
    }

    /// <summary>A node appeared, became schedulable or freed capacity: unschedulable pods get another try.</summary>
    public void OnClusterChanged()
    {
        if (unschedulable.Count > 0)
        {
            foreach (var p in unschedulable)
            {
                p.Unschedulable = false;
                active.Enqueue(p);
            }
            unschedulable.Clear();
        }
        Kick();
    }

    private void Kick()
    {
        if (cycleScheduled || active.Count == 0 || !Active)
        {
            return;
        }
        cycleScheduled = true;
        var perPod = Math.Max(1, 1000 / Math.Max(1, engine.Timings.SchedulerPodsPerSecond));
        engine.After(perPod + Elector.SlowMs, Cycle);
    }

    private void Cycle()
    {
        cycleScheduled = false;
        if (!Active || !engine.Api.Writable)
        {
            return;
        }
        while (active.Count > 0)
        {
            var pod = active.Dequeue();
            if (!pod.InApi || !pod.InSchedulerQueue || pod.Terminating)
            {
                continue;
            }
            var node = Pick(pod);
            if (node is null)
            {
                pod.Unschedulable = true;
                unschedulable.Add(pod);
                if (engine.Logs(TraceEventKinds.FailedScheduling, pod.Workload.Name))
                {
                    engine.Recorder.Event("kube-scheduler", TraceEventKinds.FailedScheduling, pod.Workload.Name,
                        $"{pod.Name}: 0/{engine.Cluster.ApiNodes.Count} nodes are available (unschedulable, tainted, full or not matching)");
                }
                continue;
            }
            if (engine.ControlPlane.WriteDelayMs is var slow and > 0)
            {
                // The binding is an API call: against a slow control plane it lands that much later
                // (bindings run apart from the scheduling loop, so the next pod does not wait for it).
                engine.After(slow, () =>
                {
                    if (pod.InApi && pod.InSchedulerQueue && !pod.Terminating && node.InApi && engine.Api.Writable)
                    {
                        engine.Api.Bind(pod, node);
                    }
                    else if (pod.InApi && pod.InSchedulerQueue && !pod.Terminating)
                    {
                        Enqueue(pod);
                    }
                });
            }
            else
            {
                engine.Api.Bind(pod, node);
            }
            break;
        }
        Kick();
    }

    private ClusterNode? Pick(Pod pod)
    {
        if (pod.PinnedNode is { } pinned)
        {
            return pinned.InApi && Fits(pod, pinned) ? pinned : null;
        }
        var nodes = engine.Cluster.ApiNodes;
        var n = nodes.Count;
        if (n == 0)
        {
            return null;
        }
        var toFind = n < 100 ? n : Math.Max(100, n * Math.Max(5, 50 - n / 125) / 100);
        feasible.Clear();
        var start = nextStartIndex % n;
        var visited = 0;
        for (; visited < n && feasible.Count < toFind; visited++)
        {
            var node = nodes[(start + visited) % n];
            if (Fits(pod, node))
            {
                feasible.Add(node);
            }
        }
        nextStartIndex = (start + visited) % n;
        if (feasible.Count == 0)
        {
            return null;
        }
        var w = pod.Workload.Index;
        int minSpread = int.MaxValue, maxSpread = 0;
        foreach (var node in feasible)
        {
            var c = node.PodsOfWorkload[w];
            minSpread = Math.Min(minSpread, c);
            maxSpread = Math.Max(maxSpread, c);
        }
        long bestScore = long.MinValue;
        best.Clear();
        foreach (var node in feasible)
        {
            var score = Score(pod, node, minSpread, maxSpread);
            if (score > bestScore)
            {
                best.Clear();
                bestScore = score;
            }
            if (score == bestScore)
            {
                best.Add(node);
            }
        }
        // Ties are broken at random (seeded), one draw per pod.
        return best[(int)engine.Random.Next(best.Count)];
    }

    private static bool Fits(Pod pod, ClusterNode node)
    {
        var tolerant = pod.IsDaemon;
        if (!tolerant && (node.Unschedulable || node.NotReadyNoSchedule || node.UnreachableNoSchedule || node.DiskPressureNoSchedule || node.ShutdownTaint))
        {
            return false;
        }
        var spec = pod.Workload.Spec;
        if (node.RequestedCpu + spec.CpuMillis > node.CpuMillis || node.RequestedMemory + spec.MemoryBytes > node.MemoryBytes || node.ApiPods.Count >= node.MaxPods)
        {
            return false;
        }
        if (spec.NodeSelector.Count == 0)
        {
            return true;
        }
        foreach (var (key, value) in spec.NodeSelector)
        {
            if (!node.Labels.TryGetValue(key, out var v) || v != value)
            {
                return false;
            }
        }
        return true;
    }

    private static long Score(Pod pod, ClusterNode node, int minSpread, int maxSpread)
    {
        var spec = pod.Workload.Spec;
        var cpuUsed = (node.RequestedCpu + spec.CpuMillis) * 10_000L / Math.Max(1, node.CpuMillis);
        var memUsed = (long)((node.RequestedMemory + spec.MemoryBytes) * 10_000.0 / Math.Max(1, node.MemoryBytes));
        var leastAllocated = ((10_000 - cpuUsed) + (10_000 - memUsed)) / 2;
        var balanced = 10_000 - Math.Abs(cpuUsed - memUsed);
        var spread = maxSpread == minSpread ? 10_000 : (maxSpread - node.PodsOfWorkload[pod.Workload.Index]) * 10_000L / (maxSpread - minSpread);
        return leastAllocated + balanced + 2 * spread;
    }
}
