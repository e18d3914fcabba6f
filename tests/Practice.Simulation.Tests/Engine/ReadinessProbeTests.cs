using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>
/// Readiness probes (Configure Liveness, Readiness and Startup Probes, kubernetes.io: periodSeconds
/// 10, failureThreshold 3, successThreshold 1 by default; an unready pod is removed from the
/// Service's EndpointSlices and keeps running).
/// </summary>
public sealed class ReadinessProbeTests
{
    private static WorkloadSpec Probed(ProbeType type) => Web() with { Readiness = new ReadinessProbeSpec { Type = type } };

    private static Trace CniBrokenOnNode2(WorkloadSpec web, params TimelineEntry[] more) =>
        Simulator.Run(Of([web], M(10), [Fault(M(2), Component.Cni, "node-2"), .. more]));

    [Fact]
    public void AnHttpProbeFailsOverABrokenDataplaneSoThoseEndpointsLeaveAndOnlyTheBrokenNodesOwnClientsFail()
    {
        var trace = CniBrokenOnNode2(Probed(ProbeType.Http));

        // The first probe after the break fails within 10 s; the third failure in a row, 20 s later, makes the pod unready.
        var notReady = trace.Events.Where(e => e.Kind == TraceEventKinds.PodNotReady && e.Subject == "web").Select(e => e.AtMs).ToList();
        Assert.Equal(2, notReady.Count);
        Assert.All(notReady, t => Assert.InRange(t, M(2) + S(20), M(2) + S(30)));
        // The pods keep running; only their endpoints go.
        Assert.Equal(2, trace.Containers("web", On("node-2"), M(4)));
        Assert.Equal(2, trace.Pods("web", PodPhase.Running, On("node-2"), M(4)));
        Assert.Equal(0, trace.Pods("web", PodPhase.Ready, On("node-2"), M(4)));
        Assert.Equal(4, trace.Endpoints("web", M(4)));
        // Now only the client on node-2 (a third of the requests) fails: 2/3, where without the probe it was 2/3 × 4/6.
        Assert.InRange(trace.Success("web", M(4), M(10)), 2.0 / 3 - 0.01, 2.0 / 3 + 0.01);
    }

    [Fact]
    public void AnExecProbeRunsInsideTheContainerSoABrokenDataplaneDoesNotFailIt()
    {
        var trace = CniBrokenOnNode2(Probed(ProbeType.Exec));

        Assert.Equal(6, trace.Endpoints("web", M(4)));
        var withoutProbe = 2.0 / 3 * (4.0 / 6);
        Assert.InRange(trace.Success("web", M(4), M(10)), withoutProbe - 0.01, withoutProbe + 0.01);
    }

    [Fact]
    public void WhenTheDataplaneReturnsTheNextProbeSucceedsAndThePodsAreReadyAgain()
    {
        var trace = CniBrokenOnNode2(Probed(ProbeType.Tcp), Recover(M(5), Component.Cni, "node-2"));

        Assert.Equal(4, trace.Endpoints("web", M(5)));
        // One success is enough (successThreshold 1): at the next probe, within one period.
        var back = FirstTime(trace, M(5), t => trace.Endpoints("web", t) == 6);
        Assert.NotNull(back);
        Assert.InRange(back!.Value, M(5), M(5) + S(11));
        Assert.True(trace.Success("web", M(5) + S(15), M(10)) >= 0.99);
    }

    [Fact]
    public void APodStartedOnTheBrokenNodeRunsButNeverBecomesReady()
    {
        var trace = CniBrokenOnNode2(Probed(ProbeType.Http), Act(M(3), new ScaleAction("web", 9)));

        // One of the three new pods lands on node-2: it runs, and its first probe already fails.
        Assert.Equal(3, trace.Containers("web", On("node-2"), M(5)));
        Assert.Equal(0, trace.Pods("web", PodPhase.Ready, On("node-2"), M(5)));
        Assert.Equal(6, trace.Endpoints("web", M(5)));
    }

    [Fact]
    public void AProbedPodIsReadyAsSoonAsItsFirstProbePassesAtStart()
    {
        var probed = Simulator.Run(Of([Probed(ProbeType.Http)], M(1)));
        var plain = Simulator.Run(Of([Web()], M(1)));

        Assert.Equal(plain.FirstEvent(TraceEventKinds.PodReady, "web"), probed.FirstEvent(TraceEventKinds.PodReady, "web"));
        Assert.Equal(6, probed.Endpoints("web", M(1)));
    }
}
