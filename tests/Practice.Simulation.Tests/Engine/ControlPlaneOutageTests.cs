using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Acceptance items 1–4: what keeps working when a control-plane component is gone.</summary>
public class ControlPlaneOutageTests
{
    private static readonly WorkloadSpec Crasher = new() { Kind = WorkloadKind.Deployment, Name = "crasher", Replicas = 1, CrashAfterMs = S(30) };

    private static Trace ApiserverOutage() => Simulator.Run(Of(
        [Web(), Crasher],
        M(10),
        [
            Fault(M(2), Component.KubeApiserver),
            Act(M(4), new ScaleAction("web", 8)),
            Recover(M(6), Component.KubeApiserver),
        ]));

    [Fact]
    public void ApiserverDownKeepsRunningPodsRunningAndServing()
    {
        var trace = ApiserverOutage();

        Assert.True(Throughout(trace, M(2), M(6), t => trace.Pods("web", PodPhase.Running, null, t) == 6));
        Assert.True(Throughout(trace, M(2), M(6), t => trace.Containers("web", null, t) == 6));
        Assert.True(trace.Success("web", M(2), M(6)) >= 0.99);
    }

    [Fact]
    public void ApiserverDownMakesTheApiUnavailable()
    {
        var trace = ApiserverOutage();

        Assert.True(trace.ApiAvailable(M(1)));
        Assert.False(trace.ApiAvailable(M(3)));
        Assert.False(trace.ApiWritable(M(3)));
        Assert.True(trace.ApiAvailable(M(7)));
    }

    [Fact]
    public void ScalingDuringAnApiserverOutageTakesEffectOnlyWhenItReturns()
    {
        var trace = ApiserverOutage();

        Assert.Equal(6, trace.Pods("web", null, null, M(5.9)));
        Assert.Equal(8, trace.Pods("web", PodPhase.Running, null, M(7)));
        var firstNewPod = FirstTime(trace, M(4), t => trace.Pods("web", null, null, t) > 6);
        Assert.NotNull(firstNewPod);
        Assert.True(firstNewPod >= M(6));
    }

    [Fact]
    public void KubeletStillRestartsACrashingContainerDuringAnApiserverOutage()
    {
        var trace = ApiserverOutage();

        Assert.True(trace.Restarts("crasher", M(5.9)) > trace.Restarts("crasher", M(2)));
    }

    [Fact]
    public void EtcdLosingOneOfThreeMembersKeepsWritesWorkingAfterAboutOneElectionTimeout()
    {
        // etcd-1 leads at the start, so taking down one member also loses the leader.
        var trace = Simulator.Run(Of([Web()], M(5), [new FaultEntry(M(2), new EtcdMembersDown(1))]));

        Assert.True(trace.EtcdQuorum(M(3)));
        Assert.False(trace.ApiWritable(M(2)));
        var writableAgain = FirstTime(trace, M(2), t => trace.ApiWritable(t));
        Assert.NotNull(writableAgain);
        Assert.InRange(writableAgain!.Value - M(2), 1_000, 1_500);
        Assert.True(trace.ApiWritable(M(3)));
    }

    [Fact]
    public void EtcdLosingTwoOfThreeMembersStopsWritesAndReadsButNotTraffic()
    {
        var trace = Simulator.Run(Of([Web()], M(6), [new FaultEntry(M(2), new EtcdMembersDown(2))]));

        Assert.False(trace.EtcdQuorum(M(3)));
        Assert.False(trace.ApiWritable(M(3)));
        Assert.False(trace.ApiAvailable(M(3)));
        Assert.True(Throughout(trace, M(2), M(6), t => trace.Containers("web", null, t) == 6));
        Assert.True(Throughout(trace, M(2), M(6), t => trace.Pods("web", PodPhase.Running, null, t) == 6));
        Assert.True(trace.Success("web", M(2), M(6)) >= 0.99);
    }

    [Fact]
    public void EtcdWithFiveMembersToleratesTwoDown()
    {
        var trace = Simulator.Run(Of([Web()], M(5), [new FaultEntry(M(2), new EtcdMembersDown(2))], etcd: 5));

        Assert.True(trace.EtcdQuorum(M(3)));
        Assert.True(trace.ApiWritable(M(3)));
        Assert.True(trace.ApiAvailable(M(3)));
    }

    [Fact]
    public void SchedulerDownLeavesNewPodsPendingUntilItRecovers()
    {
        var trace = Simulator.Run(Of(
            [Web()],
            M(8),
            [
                Fault(M(2), Component.KubeScheduler),
                Act(M(3), new ScaleAction("web", 8)),
                Recover(M(6), Component.KubeScheduler),
            ]));

        Assert.Equal(6, trace.Pods("web", PodPhase.Running, null, M(5)));
        Assert.Equal(2, trace.Pods("web", PodPhase.Pending, null, M(5)));
        Assert.Equal(2, trace.SchedulerQueue(M(5)));
        Assert.Equal(8, trace.Pods("web", PodPhase.Running, null, M(7)));
        Assert.Equal(0, trace.SchedulerQueue(M(7)));
    }

    [Fact]
    public void KillingTheSchedulerLeaderHandsOverWithinLeaseDurationPlusRetryPeriod()
    {
        var trace = Simulator.Run(Of([Web()], M(5), [new FaultEntry(M(2), new ComponentFault(Component.KubeScheduler, null) { Replica = "leader" })], schedulers: 2));

        var handover = Events(trace, TraceEventKinds.LeaderElected, "kube-scheduler").Where(e => e.AtMs > M(2)).Select(e => e.AtMs).FirstOrDefault();
        Assert.True(handover > M(2));
        Assert.True(handover - M(2) <= S(15 + 2), $"handover took {handover - M(2)} ms");
    }

    [Fact]
    public void ControllerManagerDownCreatesNoPodsWhenAWorkloadIsScaled()
    {
        var trace = Simulator.Run(Of([Web()], M(6), [Fault(M(2), Component.KubeControllerManager), Act(M(3), new ScaleAction("web", 8))]));

        Assert.Equal(6, trace.Pods("web", null, null, M(6)));
    }

    [Fact]
    public void ControllerManagerDownNeverMarksADeadNodeNotReadyNorEvicts()
    {
        var trace = Simulator.Run(Of(
            [Web()],
            M(12),
            [Fault(M(2), Component.KubeControllerManager), new FaultEntry(M(3), new NodePowerOff("node-3"))]));

        Assert.True(trace.NodeReady("node-3", M(12)));
        Assert.Null(trace.FirstEvent(TraceEventKinds.NodeNotReady, "node-3"));
        Assert.Null(trace.FirstEvent(TraceEventKinds.PodEvicted, "web"));
    }

    [Fact]
    public void ControllerManagerDownLeavesEndpointSlicesStaleSoTrafficToDeadPodsFails()
    {
        var trace = Simulator.Run(Of(
            [Web()],
            M(8),
            [Fault(M(2), Component.KubeControllerManager), new FaultEntry(M(3), new NodePowerOff("node-3"))]));

        Assert.Equal(6, trace.Endpoints("web", M(6)));
        Assert.Equal(0, trace.Containers("web", On("node-3"), M(4)));
        var success = trace.Success("web", M(4), M(8));
        Assert.InRange(success, 0.6, 0.7);
    }
}
