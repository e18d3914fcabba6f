using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Acceptance items 5–10: one node's kubelet, kube-proxy, CNI, runtime or CSI plugin fails.</summary>
public class NodeComponentFailureTests
{
    /// <summary>A DaemonSet whose containers exit three minutes after each start: one pod per node to watch restarts.</summary>
    private static readonly WorkloadSpec Agent = new() { Kind = WorkloadKind.DaemonSet, Name = "agent", CrashAfterMs = M(3) };

    private static Trace KubeletDownOnNode2() => Simulator.Run(Of([Web(), Agent], M(10), [Fault(M(2), Component.Kubelet, "node-2")]));

    [Fact]
    public void KubeletDownKeepsItsPodsRunningAndServing()
    {
        var trace = KubeletDownOnNode2();

        Assert.True(Throughout(trace, M(2), M(10), t => trace.Containers("web", On("node-2"), t) == 2));
        Assert.True(trace.Success("web", M(2), M(10)) >= 0.99);
    }

    [Fact]
    public void KubeletDownMeansACrashThereIsNotRestarted()
    {
        var trace = KubeletDownOnNode2();

        // The agent crashes at about 3 min on every node; only the nodes with a kubelet restart it 10 s later.
        Assert.Equal(0, trace.Containers("agent", On("node-2"), M(5)));
        Assert.Equal(1, trace.Containers("agent", On("node-1"), M(5)));
    }

    [Fact]
    public void KubeletDownMarksTheNodeNotReadyOneGracePeriodAfterItsLastLeaseRenewal()
    {
        var trace = KubeletDownOnNode2();

        var notReady = trace.FirstEvent(TraceEventKinds.NodeNotReady, "node-2");
        Assert.NotNull(notReady);
        // The last renewal was at most one renew interval (10 s) before the fault; the monitor looks every 5 s.
        Assert.InRange(notReady!.Value - M(2), S(50) - S(10), S(50) + S(5));
        Assert.False(trace.NodeReady("node-2", notReady.Value));
        Assert.True(Throughout(trace, 0, M(10), t => trace.NodeReady("node-1", t) && trace.NodeReady("node-3", t)));
    }

    [Fact]
    public void KubeletDownTakesItsPodsOutOfTheEndpointsThenEvictsThemAfterTheTolerationAndRunsThemElsewhere()
    {
        var trace = KubeletDownOnNode2();
        var notReady = trace.FirstEvent(TraceEventKinds.NodeNotReady, "node-2")!.Value;

        Assert.Equal(4, trace.Endpoints("web", notReady + S(1)));
        var evicted = trace.FirstEvent(TraceEventKinds.PodEvicted, "web");
        Assert.NotNull(evicted);
        Assert.InRange(evicted!.Value - notReady, S(300), S(301));
        Assert.Equal(6, trace.Pods("web", PodPhase.Running, NotOn("node-2"), M(10)));
        Assert.Null(trace.FirstEvent(TraceEventKinds.PodEvicted, "agent"));
    }

    [Fact]
    public void TheOlderProfileMarksNodesNotReadyAfterFortySeconds()
    {
        var trace = Simulator.Run(Of([Web()], M(4), [Fault(M(2), Component.Kubelet, "node-2")], kubernetes: "1.31"));

        var notReady = trace.FirstEvent(TraceEventKinds.NodeNotReady, "node-2")!.Value;
        Assert.InRange(notReady - M(2), S(40) - S(10), S(40) + S(5));
    }

    private static Trace KubeProxyDownOnNode2() => Simulator.Run(Of(
        [Web()],
        M(10),
        [
            Fault(M(2), Component.KubeProxy, "node-2"),
            Act(M(3), new ScaleAction("web", 9)),
            Act(M(5), new DeletePodAction("web", "node-1")),
            Recover(M(7), Component.KubeProxy, "node-2"),
        ]));

    [Fact]
    public void KubeProxyDownKeepsExistingRulesSoTrafficFlows()
    {
        var trace = KubeProxyDownOnNode2();

        Assert.Equal(6, trace.Rules("web", "node-2", M(2.5)));
        Assert.True(trace.Success("web", M(2), M(5)) >= 0.99);
    }

    [Fact]
    public void KubeProxyDownMeansNewEndpointsGetNoTrafficFromThatNode()
    {
        var trace = KubeProxyDownOnNode2();

        Assert.Equal(9, trace.Endpoints("web", M(4)));
        Assert.Equal(9, trace.Rules("web", "node-1", M(4)));
        Assert.Equal(6, trace.Rules("web", "node-2", M(4)));
    }

    [Fact]
    public void KubeProxyDownKeepsADeletedPodInItsRulesSoSomeRequestsFail()
    {
        var trace = KubeProxyDownOnNode2();

        Assert.Equal(6, trace.Rules("web", "node-2", M(6)));
        // Clients on node-2 (a third) pick the deleted pod one time in six.
        var success = trace.Success("web", M(5.5), M(7));
        Assert.InRange(success, 0.93, 0.96);
    }

    [Fact]
    public void KubeProxyResyncsItsRulesAfterRecovery()
    {
        var trace = KubeProxyDownOnNode2();

        Assert.Equal(9, trace.Rules("web", "node-2", M(7) + S(1)));
        Assert.True(trace.Success("web", M(7) + S(2), M(10)) >= 0.99);
    }

    private static Trace CniBrokenOnNode2(params TimelineEntry[] fixes) =>
        Simulator.Run(Of([Web()], M(10), [Fault(M(2), Component.Cni, "node-2"), .. fixes]));

    [Fact]
    public void BrokenCniDataplaneDropsTheTrafficThatTouchesThatNode()
    {
        var trace = CniBrokenOnNode2();

        // Clients on node-2 all fail (1/3); the others fail when they pick one of node-2's 2 of 6 endpoints.
        var expected = 2.0 / 3 * (4.0 / 6);
        Assert.InRange(trace.Success("web", M(2) + S(1), M(10)), expected - 0.01, expected + 0.01);
        Assert.Equal(2, trace.Containers("web", On("node-2"), M(5)));
    }

    [Fact]
    public void CordonAndDrainRestoreTrafficOnceThePodsAreRescheduled()
    {
        var trace = CniBrokenOnNode2(Act(M(3), new CordonAction("node-2")), Act(M(3), new DrainAction("node-2")));

        Assert.True(trace.Success("web", M(4), M(10)) >= 0.99);
        Assert.Equal(6, trace.Pods("web", PodPhase.Running, NotOn("node-2"), M(10)));
    }

    [Fact]
    public void CordonAloneDoesNotFixABrokenCniDataplane()
    {
        // kubectl cordon only marks the node unschedulable: its pods keep running and keep their
        // endpoints, and the client on it keeps sending (kubectl cordon docs).
        var cordoned = CniBrokenOnNode2(Act(M(3), new CordonAction("node-2")));
        var broken = CniBrokenOnNode2();

        Assert.Equal(broken.Success("web", M(4), M(10)), cordoned.Success("web", M(4), M(10)), 3);
        Assert.Equal(6, cordoned.Endpoints("web", M(5)));
        Assert.False(cordoned.NodeSchedulable("node-2", M(5)));
    }

    [Fact]
    public void RestartingKubeProxyDoesNotFixABrokenCniDataplane()
    {
        var trace = CniBrokenOnNode2(Act(M(3), new RestartAction(Component.KubeProxy, "node-2")));

        Assert.True(trace.Success("web", M(4), M(10)) < 0.6);
    }

    [Fact]
    public void RestartingTheApiserverDoesNotFixABrokenCniDataplane()
    {
        var trace = CniBrokenOnNode2(Act(M(3), new RestartAction(Component.KubeApiserver, null)));

        Assert.True(trace.Success("web", M(4), M(10)) < 0.6);
    }

    [Fact]
    public void BrokenCniPluginLeavesRunningPodsAloneButNewPodsThereStayContainerCreating()
    {
        var trace = Simulator.Run(Of([Web()], M(6), [Fault(M(2), Component.CniPlugin, "node-2"), Act(M(3), new ScaleAction("web", 9))]));

        Assert.True(Throughout(trace, M(2), M(6), t => trace.Containers("web", On("node-2"), t) == 2));
        Assert.Equal(1, trace.Pods("web", PodPhase.ContainerCreating, On("node-2"), M(5)));
        Assert.Equal(8, trace.Pods("web", PodPhase.Running, null, M(5)));
    }

    [Fact]
    public void ContainerRuntimeDownKeepsContainersRunningStartsNothingAndMakesTheNodeNotReady()
    {
        var trace = Simulator.Run(Of([Web(), Agent], M(6), [Fault(M(2), Component.ContainerRuntime, "node-2"), Act(M(2) + S(1), new ScaleAction("web", 9))]));

        Assert.True(Throughout(trace, M(2), M(6), t => trace.Containers("web", On("node-2"), t) == 2));
        Assert.Equal(0, trace.Pods("web", PodPhase.Running, On("node-2"), M(5)) - 2);
        Assert.Equal(1, trace.Pods("web", PodPhase.ContainerCreating, On("node-2"), M(5)));
        Assert.Equal(0, trace.Containers("agent", On("node-2"), M(5)));
        var notReady = trace.FirstEvent(TraceEventKinds.NodeNotReady, "node-2");
        Assert.NotNull(notReady);
        Assert.InRange(notReady!.Value - M(2), 0, S(10));
        Assert.False(trace.NodeReady("node-2", M(3)));
    }

    [Fact]
    public void CsiNodePluginDownBlocksOnlyNewPodsWithVolumesOnThatNode()
    {
        var db = new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "db", Replicas = 3, Volume = true };
        var trace = Simulator.Run(Of(
            [Web(replicas: 3), db],
            M(6),
            [Fault(M(2), Component.CsiNode, "node-2"), Act(M(3), new ScaleAction("db", 6)), Act(M(3), new ScaleAction("web", 6))]));

        Assert.True(Throughout(trace, M(2), M(6), t => trace.Containers("db", On("node-2"), t) == 1));
        Assert.Equal(1, trace.Pods("db", PodPhase.ContainerCreating, On("node-2"), M(5)));
        Assert.Equal(2, trace.Pods("web", PodPhase.Running, On("node-2"), M(5)));
        Assert.Equal(5, trace.Pods("db", PodPhase.Running, null, M(5)));
    }
}
