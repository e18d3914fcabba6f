using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Acceptance items 11–15: static pods, lost VMs, StatefulSets and DaemonSets, CrashLoopBackOff, the apply chain.</summary>
public class NodeLossAndLifecycleTests
{
    [Fact]
    public void StaticPodsRunAndRestartWithTheApiserverDownAndTheirMirrorPodsAppearWhenItReturns()
    {
        var staticPod = new WorkloadSpec { Kind = WorkloadKind.StaticPod, Name = "node-agent", Node = "node-1", CrashAfterMs = S(30) };
        var trace = Simulator.Run(Of([staticPod], M(6), [Fault(0, Component.KubeApiserver), Recover(M(3), Component.KubeApiserver)]));

        Assert.Null(trace.FirstEvent(TraceEventKinds.PodCreated, "node-agent"));
        Assert.NotNull(trace.FirstEvent(TraceEventKinds.ContainerStarted, "node-agent"));
        Assert.True(trace.Restarts("node-agent", M(3)) >= 2);
        Assert.Equal(0, trace.Pods("node-agent", null, null, M(2.9)));
        var mirror = trace.FirstEvent(TraceEventKinds.MirrorPodCreated, "node-agent");
        Assert.NotNull(mirror);
        Assert.InRange(mirror!.Value, M(3), M(3) + S(5));
        Assert.Equal(1, trace.Pods("node-agent", null, On("node-1"), M(4)));
    }

    private static long? TimeUntilWebRunsAwayFrom(Trace trace, string node, long after) =>
        FirstTime(trace, after, t => trace.Pods("web", PodPhase.Running, NotOn(node), t) == 6) is { } at ? at - after : null;

    [Fact]
    public void TerminatedVmWithCloudControllerManagerUpIsDeletedAndItsPodsRunElsewhereFast()
    {
        var trace = Simulator.Run(Of([Web()], M(12), [new FaultEntry(M(2), new VmTerminated("node-3"))]));

        var deleted = trace.FirstEvent(TraceEventKinds.NodeDeleted, "node-3");
        Assert.NotNull(deleted);
        Assert.InRange(deleted!.Value - M(2), S(40), S(70));
        var recovered = TimeUntilWebRunsAwayFrom(trace, "node-3", M(2));
        Assert.NotNull(recovered);
        Assert.True(recovered < S(150), $"pods ran elsewhere after {recovered} ms");
        Assert.False(trace.HasNode("node-3") && trace.NodeReady("node-3", M(12)));
    }

    [Fact]
    public void TerminatedVmWithCloudControllerManagerDownTakesTheSlowEvictionPath()
    {
        var trace = Simulator.Run(Of(
            [Web()],
            M(12),
            [Fault(M(1), Component.CloudControllerManager), new FaultEntry(M(2), new VmTerminated("node-3"))]));

        Assert.Null(trace.FirstEvent(TraceEventKinds.NodeDeleted, "node-3"));
        var recovered = TimeUntilWebRunsAwayFrom(trace, "node-3", M(2));
        Assert.NotNull(recovered);
        Assert.True(recovered > S(40 + 300), $"pods ran elsewhere after {recovered} ms");
    }

    [Fact]
    public void AStatefulSetPodOnAnUnreachableNodeIsNotReplacedAndDaemonSetPodsAreNotEvicted()
    {
        var db = new WorkloadSpec { Kind = WorkloadKind.StatefulSet, Name = "db", Replicas = 3, Service = "db" };
        var agent = new WorkloadSpec { Kind = WorkloadKind.DaemonSet, Name = "agent" };
        var partition = new NetworkPartition(["node-3"], PartitionFrom.ControlPlane, []);
        var trace = Simulator.Run(Of([Web(), db, agent], M(12), [new FaultEntry(M(2), partition)]));

        Assert.Equal(1, trace.Pods("db", null, On("node-3"), M(1)));
        Assert.NotNull(trace.FirstEvent(TraceEventKinds.PodEvicted, "db"));
        Assert.Equal(3, trace.Pods("db", null, null, M(12)));
        Assert.Equal(1, trace.Pods("db", PodPhase.Terminating, On("node-3"), M(12)));
        Assert.Equal(2, trace.Pods("db", PodPhase.Running, NotOn("node-3"), M(12)));
        Assert.Equal(1, trace.Containers("db", On("node-3"), M(12)));
        // Deployments, by contrast, get replacements.
        Assert.Equal(6, trace.Pods("web", PodPhase.Running, NotOn("node-3"), M(12)));
        Assert.Null(trace.FirstEvent(TraceEventKinds.PodEvicted, "agent"));
        Assert.Equal(1, trace.Pods("agent", null, On("node-3"), M(12)));
    }

    [Fact]
    public void CrashLoopBackOffRestartsAtOnceThenAfterDoublingDelaysCappedAtFiveMinutes()
    {
        var crasher = new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "crasher", Replicas = 1, CrashAfterMs = 0 };
        var trace = Simulator.Run(Of([crasher], M(30)));

        // pkg/kubelet/kuberuntime/kuberuntime_manager.go, doBackOff: the first exit finds no
        // back-off entry (flowcontrol.Backoff.IsInBackOffSince is false), so the container is
        // restarted at once and backOff.Next creates the entry at 10 s; each later exit doubles it
        // (Next: entry.backoff * 2, capped at MaxContainerBackOff, 300 s).
        var started = trace.FirstEvent(TraceEventKinds.ContainerStarted, "crasher")!.Value;
        var restarts = trace.Series[SeriesKeys.Restarts("crasher")].Times.ToList();
        Assert.InRange(restarts[0] - started, 0, S(1));
        var gaps = restarts.Zip(restarts.Skip(1), (a, b) => (b - a) / 1000.0).ToList();
        var expected = new[] { 10.0, 20, 40, 80, 160, 300, 300 };
        for (var i = 0; i < expected.Length; i++)
        {
            // Each gap is the back-off plus the container start (0.3 s).
            Assert.InRange(gaps[i], expected[i], expected[i] + 1);
        }
        // At once, then 10, 20, 40, 80 and 160 s later: six restarts before 10 minutes, the seventh after 5 more.
        Assert.Equal(6, trace.Restarts("crasher", started + M(10)));
    }

    [Fact]
    public void ApplyingADeploymentProducesTheControllerChainInOrder()
    {
        var trace = Simulator.Run(Of([Web()], M(1)));

        string[] chain = [TraceEventKinds.DeploymentCreated, TraceEventKinds.ReplicaSetCreated, TraceEventKinds.PodCreated,
            TraceEventKinds.PodScheduled, TraceEventKinds.ContainerStarted, TraceEventKinds.PodReady, TraceEventKinds.EndpointAdded];
        var times = chain.Select(kind => trace.FirstEvent(kind, "web")).ToList();

        Assert.All(times, t => Assert.NotNull(t));
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] > times[i - 1], $"{chain[i]} at {times[i]} is not after {chain[i - 1]} at {times[i - 1]}");
        }
    }
}
