using Practice.Simulation.Model;

namespace Practice.Benchmarks;

/// <summary>The scenarios the engine is measured on (issue 3, "Speed and scale").</summary>
public static class BenchmarkScenarios
{
    private const long Minute = 60_000;

    /// <summary>5 nodes, 291 pods, 15 virtual minutes, 50 req/s, with a kube-proxy fault and a node power loss.</summary>
    public static ScenarioSpec Typical() => new()
    {
        Id = "typical",
        Seed = 1,
        DurationMs = 15 * Minute,
        Cluster = new ClusterSpec
        {
            Nodes = Enumerable.Range(1, 5).Select(i => new NodeSpec { Name = $"node-{i}" }).ToList(),
            Workloads =
            [
                new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "web", Replicas = 150, CpuMillis = 10, Service = "web", Traffic = 50 },
                new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "api", Replicas = 130, CpuMillis = 10, Service = "api", Traffic = 20 },
                new WorkloadSpec { Kind = WorkloadKind.StatefulSet, Name = "db", Replicas = 3, Service = "db", Volume = true },
                new WorkloadSpec { Kind = WorkloadKind.DaemonSet, Name = "agent", CpuMillis = 10 },
                new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "crasher", Replicas = 3, CrashAfterMs = 0 },
            ],
        },
        Timeline =
        [
            new FaultEntry(3 * Minute, new ComponentFault(Component.KubeProxy, "node-2")),
            new FaultEntry(5 * Minute, new NodePowerOff("node-3")),
            new ActionEntry(6 * Minute, new ScaleAction("web", 160)),
            new RecoverEntry(8 * Minute, new ComponentFault(Component.KubeProxy, "node-2")),
            new RecoverEntry(10 * Minute, new NodePowerOff("node-3")),
        ],
    };

    /// <summary>
    /// <paramref name="nodes"/> nodes in 3 zones with <paramref name="podsPerNode"/> pods each spread over 30
    /// Deployments (3 with a Service and traffic), for <paramref name="minutes"/> virtual minutes; 10% of the
    /// nodes lose power at minute 10. Bindings are allowed at 1,000/s (a tuned scheduler QPS) so the cluster
    /// is full before the failure.
    /// </summary>
    public static ScenarioSpec Scale(int nodes, int podsPerNode = 30, int minutes = 60)
    {
        const int deployments = 30;
        var pods = nodes * podsPerNode;
        var failing = nodes / 10;
        return new ScenarioSpec
        {
            Id = $"scale-{nodes}",
            Seed = 1,
            DurationMs = minutes * Minute,
            Timings = new TimingOverrides { SchedulerPodsPerSecond = 1000 },
            Cluster = new ClusterSpec
            {
                Nodes = Enumerable.Range(1, nodes).Select(i => new NodeSpec { Name = $"node-{i}", Zone = ((char)('a' + i % 3)).ToString(), CpuMillis = 64_000, MemoryBytes = 256L << 30 }).ToList(),
                Workloads = Enumerable.Range(1, deployments).Select(i => new WorkloadSpec
                {
                    Kind = WorkloadKind.Deployment,
                    Name = $"app-{i}",
                    Replicas = pods / deployments,
                    CpuMillis = 100,
                    Service = i <= 3 ? $"app-{i}" : null,
                    Traffic = i <= 3 ? 1000 : 0,
                }).ToList(),
            },
            Timeline = Enumerable.Range(0, failing).Select(k => (TimelineEntry)new FaultEntry(10 * Minute, new NodePowerOff($"node-{k * 10 + 1}"))).ToList(),
        };
    }
}
