using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Every timing a scenario can override changes what happens (no dead knobs).</summary>
public sealed class TimingKnobTests
{
    [Fact]
    public void ALongNodeLeaseMakesTheKubeletRenewTooRarelyForTheGracePeriodSoHealthyNodesFlapNotReady()
    {
        // pkg/kubelet/kubelet.go: the lease is renewed every nodeLeaseRenewIntervalFraction (0.25)
        // of its duration. A 4 m lease is renewed every 60 s, longer than the node monitor's 50 s
        // grace period, so the node lifecycle controller marks nodes NotReady between renewals.
        var flapping = Simulator.Run(Of([Web()], M(5)) with { Timings = new TimingOverrides { NodeLeaseDurationMs = M(4) } });
        var normal = Simulator.Run(Of([Web()], M(5)));

        Assert.Contains(flapping.Events, e => e.Kind == TraceEventKinds.NodeNotReady);
        Assert.DoesNotContain(normal.Events, e => e.Kind == TraceEventKinds.NodeNotReady);
    }

    private static long First(Trace trace, string kind, string subject, long after = 0) =>
        trace.Events.First(e => e.Kind == kind && e.Subject == subject && e.AtMs >= after).AtMs;

    private static Trace Run(ScenarioSpec spec, TimingOverrides? timings = null) => Simulator.Run(timings is null ? spec : spec with { Timings = timings });

    [Fact]
    public void TheNodeMonitorGracePeriodSetsWhenAStoppedKubeletsNodeIsNotReady()
    {
        var spec = Of([Web()], M(5), [Fault(M(2), Component.Kubelet, "node-2")]);
        var normal = First(Run(spec), TraceEventKinds.NodeNotReady, "node-2");
        var longer = First(Run(spec, new TimingOverrides { NodeMonitorGracePeriodMs = S(80) }), TraceEventKinds.NodeNotReady, "node-2");

        Assert.InRange(longer - normal, S(25), S(35));
    }

    [Fact]
    public void TheTolerationSecondsSetWhenTheNotReadyNodesPodsAreEvicted()
    {
        var spec = Of([Web()], M(10), [Fault(M(1), Component.Kubelet, "node-2")]);
        var normal = First(Run(spec), TraceEventKinds.PodEvicted, "web");
        var shorter = First(Run(spec, new TimingOverrides { TolerationSecondsMs = S(60) }), TraceEventKinds.PodEvicted, "web");

        Assert.InRange(normal - shorter, S(235), S(245));
    }

    [Fact]
    public void TheLeaderLeaseDurationSetsHowLongAStandbySchedulerWaits()
    {
        var spec = Of([Web()], M(3), [new FaultEntry(M(1), new ComponentFault(Component.KubeScheduler, null) { Replica = "leader" })], schedulers: 2);
        var normal = First(Run(spec), TraceEventKinds.LeaderElected, "kube-scheduler", M(1));
        var longer = First(Run(spec, new TimingOverrides { LeaderLeaseDurationMs = S(45) }), TraceEventKinds.LeaderElected, "kube-scheduler", M(1));

        Assert.InRange(longer - normal, S(25), S(35));
    }

    [Fact]
    public void TheEtcdElectionTimeoutSetsHowLongEtcdIsWithoutALeader()
    {
        var spec = Of([Web()], M(3), [new FaultEntry(M(1), new EtcdLeaderDown())]);
        var normal = First(Run(spec), TraceEventKinds.EtcdLeaderElected, "etcd", M(1));
        var longer = First(Run(spec, new TimingOverrides { EtcdElectionTimeoutMs = S(10) }), TraceEventKinds.EtcdLeaderElected, "etcd", M(1));

        Assert.InRange(longer - normal, S(5), S(20));
    }

    [Fact]
    public void TheCrashLoopBackOffsSetHowOftenACrashingContainerRestarts()
    {
        var crasher = new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "crasher", Replicas = 1, CrashAfterMs = 0 };
        var spec = Of([crasher], M(10));

        var normal = Run(spec).Restarts("crasher", M(10));
        var slowerStart = Run(spec, new TimingOverrides { CrashLoopInitialBackoffMs = S(40) }).Restarts("crasher", M(10));
        var lowerCap = Run(spec, new TimingOverrides { CrashLoopMaxBackoffMs = S(20) }).Restarts("crasher", M(10));

        // Default: at once, then after 10, 20, 40, 80, 160 s: 6 by 10m. Starting at 40 s: at once,
        // then after 40, 80, 160, 300 s (at about 0, 40, 120, 280, 580 s): 5.
        Assert.Equal(6, normal);
        Assert.Equal(5, slowerStart);
        // Capped at 20 s: at once, 10, then every 20 s: far more.
        Assert.True(lowerCap > 20, $"{lowerCap} restarts with a 20 s cap");
    }
}
