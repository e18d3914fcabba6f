using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>
/// A slow control plane slows every client, and clients give up where client-go's do: the
/// kubelet's lease calls after min(10 s, lease duration) (pkg/kubelet/kubelet.go), a leader's
/// renewal at the renew deadline, 10 s (client-go leaderelection.go, renew()).
/// </summary>
public sealed class SlowControlPlaneTests
{
    private static Trace SlowApiserver(long perCallMs) => Simulator.Run(Of([Web()], M(6), [
        new FaultEntry(M(1), new ComponentFault(Component.KubeApiserver, null, FaultMode.Slow, perCallMs)),
        Act(M(2), new ScaleAction("web", 9)),
        new RecoverEntry(M(4), new ComponentFault(Component.KubeApiserver, null))]));

    [Fact]
    public void AtFifteenSecondsPerCallNoLeaderCanRenewSoNobodyMarksTheStarvedNodesNotReady()
    {
        var trace = SlowApiserver(15_000);

        // The kubelets cannot renew their leases, but the controller that would notice runs in the
        // controller-manager, whose own lease renewals time out too: it stops leading about 10 s in.
        var lost = trace.Events.First(e => e.Kind == TraceEventKinds.LeaderLost && e.Subject == "kube-controller-manager").AtMs;
        Assert.InRange(lost - M(1), S(8), S(12));
        Assert.True(Scenario.Throughout(trace, M(1) + S(12), M(4), t => trace.Leader("kube-controller-manager", t) == 0));
        Assert.DoesNotContain(trace.Events, e => e.Kind == TraceEventKinds.NodeNotReady);
        // Without a scheduler the scale-up at 2m waits until the control plane is fast again.
        Assert.Equal(6, trace.Pods("web", PodPhase.Running, null, M(4)));
        Assert.Equal(9, trace.Pods("web", PodPhase.Running, null, M(5)));
        Assert.True(trace.Leader("kube-scheduler", M(5)) == 1);
    }

    [Fact]
    public void AtFiveSecondsPerCallEverythingIsSlowButNothingTimesOut()
    {
        var trace = SlowApiserver(5_000);

        Assert.DoesNotContain(trace.Events, e => e.Kind == TraceEventKinds.LeaderLost);
        Assert.DoesNotContain(trace.Events, e => e.Kind == TraceEventKinds.NodeNotReady);
        Assert.Equal(9, trace.Pods("web", PodPhase.Running, null, M(3)));
        // Every call on the way takes 5 s more: kubectl's scale lands at 2m05s (kubectl sets no
        // request timeout by default), the ReplicaSet controller's pod creations 5 s after that,
        // and the scheduler's bindings 5 s after those.
        var bound = trace.Events.First(e => e.Kind == TraceEventKinds.PodScheduled && e.AtMs >= M(2)).AtMs;
        Assert.InRange(bound - M(2), S(15), S(17));
        var fast = Simulator.Run(Of([Web()], M(3), [Act(M(2), new ScaleAction("web", 9))]));
        Assert.InRange(fast.Events.First(e => e.Kind == TraceEventKinds.PodScheduled && e.AtMs >= M(2)).AtMs - M(2), 0, S(1));
    }
}
