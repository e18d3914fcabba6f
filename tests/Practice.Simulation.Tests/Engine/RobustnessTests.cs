using Practice.Simulation.Model;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Every fault, recovery and action shape, alone and piled up, runs without error and keeps counts sane.</summary>
public class RobustnessTests
{
    private static readonly WorkloadSpec[] AllKinds =
    [
        Web(),
        new() { Kind = WorkloadKind.StatefulSet, Name = "db", Replicas = 3, Service = "db", Traffic = 5, Volume = true },
        new() { Kind = WorkloadKind.DaemonSet, Name = "agent", CrashAfterMs = M(4) },
        new() { Kind = WorkloadKind.StaticPod, Name = "static", Node = "node-1", Service = "static", Traffic = 5 },
        new() { Kind = WorkloadKind.Deployment, Name = "crasher", Replicas = 2, CrashAfterMs = 0 },
    ];

    public static TheoryData<string> Shapes() => [.. ShapeTimelines().Keys];

    private static Dictionary<string, TimelineEntry[]> ShapeTimelines()
    {
        var shapes = new Dictionary<string, TimelineEntry[]>();
        foreach (var component in Enum.GetValues<Component>())
        {
            foreach (var mode in Enum.GetValues<FaultMode>())
            {
                var node = Model.Components.IsPerNode(component) ? "node-2" : null;
                var fault = new ComponentFault(component, node, mode, mode == FaultMode.Slow ? S(3) : 0);
                shapes[$"{Model.Components.NameOf(component)} {mode} one"] =
                    [new FaultEntry(M(1), fault), Act(M(2), new RestartAction(component, node)), Act(M(3), new ScaleAction("web", 9)), new RecoverEntry(M(5), fault)];
                shapes[$"{Model.Components.NameOf(component)} {mode} all"] =
                    [new FaultEntry(M(1), fault with { Node = null }), Act(M(3), new DeletePodAction("web", null)), new RecoverEntry(M(5), fault with { Node = null })];
            }
        }
        shapes["leader replicas"] =
        [
            new FaultEntry(M(1), new ComponentFault(Component.KubeScheduler, null) { Replica = "leader" }),
            new FaultEntry(M(1), new ComponentFault(Component.KubeControllerManager, null) { Replica = "2" }),
            new FaultEntry(M(1), new ComponentFault(Component.Etcd, null) { Replica = "leader" }),
            new RecoverEntry(M(4), new ComponentFault(Component.KubeScheduler, null) { Replica = "leader" }),
            new RecoverEntry(M(4), new ComponentFault(Component.Etcd, null) { Replica = "leader" }),
        ];
        shapes["power"] = [new FaultEntry(M(1), new NodePowerOff("node-1")), new RecoverEntry(M(7), new NodePowerOff("node-1"))];
        shapes["vm"] = [new FaultEntry(M(1), new VmTerminated("node-1")), new RecoverEntry(M(2), new VmTerminated("node-1"))];
        shapes["partition control plane"] = [new FaultEntry(M(1), new NetworkPartition(["node-1", "node-2"], PartitionFrom.ControlPlane, [])), new RecoverEntry(M(7), new NetworkPartition(["node-1", "node-2"], PartitionFrom.ControlPlane, []))];
        shapes["partition nodes"] = [new FaultEntry(M(1), new NetworkPartition(["node-1"], PartitionFrom.Nodes, [])), new RecoverEntry(M(3), new NetworkPartition(["node-1"], PartitionFrom.Nodes, []))];
        shapes["partition list"] = [new FaultEntry(M(1), new NetworkPartition(["node-1"], PartitionFrom.NodeList, ["node-2"])), new RecoverEntry(M(3), new NetworkPartition(["node-1"], PartitionFrom.NodeList, ["node-2"]))];
        shapes["etcd members"] = [new FaultEntry(M(1), new EtcdMembersDown(2)), new RecoverEntry(M(3), new EtcdMembersDown(2))];
        shapes["etcd leader"] = [new FaultEntry(M(1), new EtcdLeaderDown()), new RecoverEntry(M(3), new EtcdLeaderDown())];
        shapes["etcd corrupt"] = [new FaultEntry(M(1), new EtcdCorrupt()), Act(M(2), new RestoreEtcdAction())];
        shapes["registry"] = [new FaultEntry(M(1), new RegistryDown()), Act(M(2), new ScaleAction("web", 12)), new RecoverEntry(M(3), new RegistryDown())];
        shapes["disk"] = [new FaultEntry(M(1), new DiskFull("node-3")), new RecoverEntry(M(3), new DiskFull("node-3"))];
        shapes["node actions"] =
        [
            Act(M(1), new CordonAction("node-1")), Act(M(2), new UncordonAction("node-1")), Act(M(3), new DrainAction("node-2")),
            Act(M(4), new AddNodeAction(null, "b")), Act(M(5), new ReplaceNodeAction("node-3")), Act(M(6), new WaitAction(S(30))),
            Act(M(6), new DeletePodAction("static", "node-1")), Act(M(7), new ScaleAction("db", 1)),
        ];
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShapeRunsAndKeepsCountsSane(string shape)
    {
        var spec = Of(AllKinds, M(10), ShapeTimelines()[shape], nodes: 3, etcd: 3, apiservers: 2, schedulers: 2, controllerManagers: 2);

        var trace = Simulator.Run(spec);

        foreach (var (key, series) in trace.Series)
        {
            if (!key.StartsWith("proxy/", StringComparison.Ordinal))
            {
                Assert.True(series.Values.All(v => v >= 0), $"{key} went negative");
            }
        }
        foreach (var w in trace.Workloads)
        {
            foreach (var t in trace.ChangeTimes(0, trace.DurationMs))
            {
                Assert.True(trace.Pods(w.Name, global::Practice.Simulation.Probes.PodPhase.Ready, null, t) <= trace.Pods(w.Name, null, null, t));
            }
        }
        Assert.Equal(trace.ToJson(), Simulator.Run(spec).ToJson());
    }

    [Fact]
    public void AllShapesAtOnceRunWithoutError()
    {
        var everything = ShapeTimelines().Values.SelectMany(t => t).ToList();

        var trace = Simulator.Run(Of(AllKinds, M(15), everything, nodes: 5, seed: 3));

        Assert.True(trace.Events.Count > 0);
    }
}
