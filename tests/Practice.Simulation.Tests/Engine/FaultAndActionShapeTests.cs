using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>The fault and action shapes beyond the acceptance list: each does what scenario-format.md says.</summary>
public class FaultAndActionShapeTests
{
    [Fact]
    public void CorruptEtcdStopsTheApiUntilRestoredAndTheRestoreRevertsToTheSnapshot()
    {
        var trace = Simulator.Run(Of(
            [Web()],
            M(8),
            [
                Act(M(2), new ScaleAction("web", 8)),
                new FaultEntry(M(3), new EtcdCorrupt()),
                Act(M(4), new RestoreEtcdAction()),
            ],
            snapshotAt: M(1)));

        Assert.Equal(8, trace.Pods("web", PodPhase.Running, null, M(2.5)));
        Assert.False(trace.ApiAvailable(M(3.5)));
        Assert.True(trace.ApiWritable(M(5)));
        Assert.NotNull(trace.FirstEvent(TraceEventKinds.EtcdRestored, "etcd"));
        // The snapshot predates the scale-up: back to 6 replicas, and the 2 newer pods stop.
        Assert.Equal(6, trace.Pods("web", null, null, M(8)));
        Assert.Equal(6, trace.Containers("web", null, M(8)));
    }

    [Fact]
    public void RestoringEtcdWithoutASnapshotFails()
    {
        var trace = Simulator.Run(Of([Web()], M(5), [new FaultEntry(M(2), new EtcdCorrupt()), Act(M(3), new RestoreEtcdAction())]));

        Assert.NotNull(trace.FirstEvent(TraceEventKinds.ActionFailed, "etcd"));
        Assert.False(trace.ApiAvailable(M(5)));
    }

    [Fact]
    public void AnAddedNodeRegistersBecomesReadyAndTakesNewPods()
    {
        var trace = Simulator.Run(Of([Web()], M(6), [Act(M(1), new AddNodeAction("node-4", null)), Act(M(3), new ScaleAction("web", 8))]));

        Assert.False(trace.NodeReady("node-4", M(1)));
        Assert.True(trace.NodeReady("node-4", M(2)));
        Assert.Equal(2, trace.Pods("web", PodPhase.Running, On("node-4"), M(4)));
    }

    [Fact]
    public void ReplacingANodeMovesItsPodsAndRemovesIt()
    {
        var trace = Simulator.Run(Of([Web()], M(6), [Act(M(1), new ReplaceNodeAction("node-2"))]));

        Assert.Equal(6, trace.Pods("web", PodPhase.Running, NotOn("node-2"), M(3)));
        Assert.NotNull(trace.FirstEvent(TraceEventKinds.NodeDeleted, "node-2"));
        Assert.False(trace.NodeReady("node-2", M(5)));
        Assert.Equal(1.0, trace.Success("web", M(3), M(6)), 3);
    }

    [Fact]
    public void ANodePartitionedFromTheOtherNodesLosesTheTrafficThatCrossesIt()
    {
        var partition = new NetworkPartition(["node-2"], PartitionFrom.Nodes, []);
        var trace = Simulator.Run(Of([Web()], M(4), [new FaultEntry(M(2), partition)]));

        // Node-2's clients reach only its own 2 of 6 endpoints; the others reach 4 of 6.
        var expected = (2.0 / 6 + 4.0 / 6 + 4.0 / 6) / 3;
        Assert.InRange(trace.Success("web", M(2) + S(1), M(4)), expected - 0.01, expected + 0.01);
        Assert.True(trace.NodeReady("node-2", M(4)));
    }

    [Fact]
    public void ARegistryOutageBlocksOnlyNodesWithoutTheImage()
    {
        var trace = Simulator.Run(Of([Web(replicas: 2)], M(5), [new FaultEntry(M(1), new RegistryDown()), Act(M(2), new ScaleAction("web", 3))]));

        // The third pod goes to the node without a web pod, which must pull the image and cannot.
        Assert.Equal(2, trace.Containers("web", null, M(4)));
        Assert.Equal(1, trace.Pods("web", PodPhase.ImagePullBackOff, null, M(4)));
    }

    [Fact]
    public void AFullDiskStopsNewContainersAndKeepsNewPodsAway()
    {
        var trace = Simulator.Run(Of([Web()], M(5), [new FaultEntry(M(1), new DiskFull("node-2")), Act(M(2), new ScaleAction("web", 9))]));

        Assert.Equal(2, trace.Containers("web", On("node-2"), M(4)));
        Assert.Equal(2, trace.Pods("web", null, On("node-2"), M(4)));
        Assert.Equal(9, trace.Pods("web", PodPhase.Running, null, M(4)));
    }

    [Fact]
    public void RestartingAStoppedKubeletBringsTheNodeBackWithoutRestartingItsPods()
    {
        var trace = Simulator.Run(Of([Web()], M(10), [Fault(M(2), Component.Kubelet, "node-2"), Act(M(4), new RestartAction(Component.Kubelet, "node-2"))]));

        Assert.False(trace.NodeReady("node-2", M(3.5)));
        Assert.True(trace.NodeReady("node-2", M(6)));
        Assert.Equal(6, trace.Pods("web", PodPhase.Ready, null, M(6)));
        Assert.Equal(0, trace.Restarts("web", M(10)));
        Assert.Null(trace.FirstEvent(TraceEventKinds.PodEvicted, "web"));
        Assert.True(trace.Success("web", M(6), M(10)) >= 0.99);
    }

    [Fact]
    public void RestartingACrashLoopingKubeletDoesNotHelp()
    {
        var crashloop = new FaultEntry(M(2), new ComponentFault(Component.Kubelet, "node-2", FaultMode.CrashLoop));
        var trace = Simulator.Run(Of([Web()], M(10), [crashloop, Act(M(4), new RestartAction(Component.Kubelet, "node-2"))]));

        Assert.False(trace.NodeReady("node-2", M(9)));
    }

    [Fact]
    public void RestartingASlowKubeletClearsTheSlowness()
    {
        var slow = new FaultEntry(M(2), new ComponentFault(Component.Kubelet, "node-2", FaultMode.Slow, S(45)));
        var trace = Simulator.Run(Of([Web()], M(10), [slow, Act(M(6), new RestartAction(Component.Kubelet, "node-2"))]));

        Assert.True(Throughout(trace, M(7), M(10), t => trace.NodeReady("node-2", t)));
    }

    [Fact]
    public void RestartingAStoppedContainerRuntimeMakesTheNodeAndItsPodsReadyAgain()
    {
        var trace = Simulator.Run(Of([Web()], M(10), [Fault(M(2), Component.ContainerRuntime, "node-2"), Act(M(4), new RestartAction(Component.ContainerRuntime, "node-2"))]));

        Assert.False(trace.NodeReady("node-2", M(3)));
        Assert.Equal(4, trace.Endpoints("web", M(3)));
        Assert.True(trace.NodeReady("node-2", M(7)));
        Assert.Equal(6, trace.Pods("web", PodPhase.Ready, null, M(7)));
        Assert.Equal(6, trace.Endpoints("web", M(7)));
        Assert.Equal(0, trace.Pods("web", PodPhase.Terminating, null, M(10)));
    }

    [Fact]
    public void AComponentFaultedFromTheStartNeverLeadsBeforeItRecovers()
    {
        var trace = Simulator.Run(Of([Web(replicas: 3, traffic: 0)], M(4), [Fault(0, Component.KubeScheduler), Recover(M(2), Component.KubeScheduler)]));

        var elected = trace.FirstEvent(TraceEventKinds.LeaderElected, "kube-scheduler");
        Assert.NotNull(elected);
        Assert.True(elected >= M(2));
        Assert.True(trace.FirstEvent(TraceEventKinds.PodCreated, "web") < elected);
        Assert.Equal(3, trace.SchedulerQueue(M(1)));
        Assert.Equal(3, trace.Containers("web", null, M(2.5)));
    }
}
