using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>
/// Leader election as client-go's tools/leaderelection/leaderelection.go does it: tryAcquireOrRenew
/// judges the record by the candidate's own observedTime; acquire tries run under
/// wait.JitterUntil(RetryPeriod, JitterFactor 1.2); ReleaseOnCancel empties the holder on a
/// graceful stop; a leader that cannot renew within RenewDeadline stops leading.
/// </summary>
public sealed class LeaderElectionTests
{
    private static readonly FaultEntry LeaderDies = new(M(2), new ComponentFault(Component.KubeScheduler, null) { Replica = "leader" });

    private static long Elected(Trace trace, long after) =>
        trace.Events.First(e => e.Kind == TraceEventKinds.LeaderElected && e.Subject == "kube-scheduler" && e.AtMs >= after).AtMs;

    [Fact]
    public void AStandbyTakesACrashedLeadersLeaseALeaseDurationAfterItLastSawItChangeSpreadByTheJitter()
    {
        // The leader's last renewal came at most 2 s (one renew period) before the crash. The standby
        // notices it at its first try after it (tries every 2–4.4 s), counts 15 s from that sighting
        // and acts at its first try after those: from 15 − 2 s to 15 + 2 × 4.4 s after the crash.
        var handovers = Enumerable.Range(1, 50)
            .Select(seed => Elected(Simulator.Run(Of([Web()], M(3), [LeaderDies], schedulers: 2, seed: seed)), M(2)) - M(2))
            .ToList();

        Assert.All(handovers, h => Assert.InRange(h, S(15 - 2), S(15 + 2 * 4.4)));
        Assert.True(handovers.Max() - handovers.Min() >= S(2), $"handovers spread from {handovers.Min()} to {handovers.Max()} ms");
    }

    [Fact]
    public void AFreshSchedulerStartedWhileTheDeadLeadersLeaseIsHeldWaitsAFullLeaseDuration()
    {
        // The only scheduler crashes at 1m and is started again at 1m30s, long after its lease ran
        // out (at about 1m15s). The new process has seen no renewal, so it counts 15 s from its
        // first look (at start) and acts at its first try after that: 15 to 19.4 s after the start.
        var trace = Simulator.Run(Of([Web()], M(3), [Fault(M(1), Component.KubeScheduler), Recover(M(1) + S(30), Component.KubeScheduler)]));

        Assert.InRange(Elected(trace, M(1)) - (M(1) + S(30)), S(15), S(15 + 4.4));
    }

    [Fact]
    public void AGracefulRestartReleasesTheLeaseSoTheRestartedSchedulerLeadsAtOnce()
    {
        // ReleaseOnCancel: the stopping leader empties the holder; a candidate takes an empty record at
        // its first try, here the restarted process's first look. A crash and start at the same moments waits 15 s.
        var restarted = Simulator.Run(Of([Web()], M(3), [Act(M(1), new RestartAction(Component.KubeScheduler, null))]));
        var crashed = Simulator.Run(Of([Web()], M(3), [Fault(M(1), Component.KubeScheduler), Recover(M(1) + S(2), Component.KubeScheduler)]));

        Assert.Contains(restarted.Events, e => e.Kind == TraceEventKinds.LeaderLost && e.Reason.Contains("released its lease"));
        Assert.InRange(Elected(restarted, M(1)) - M(1), S(2), S(2.1));
        Assert.InRange(Elected(crashed, M(1)) - (M(1) + S(2)), S(15), S(15 + 4.4));
    }

    [Fact]
    public void ALeaderThatCannotRenewForTheRenewDeadlineStopsLeading()
    {
        // The leader renews every 2 s; with the apiserver down from 1m its last renewal was at most
        // 2 s earlier, and it gives up at the first renew tick 10 s after that.
        var trace = Simulator.Run(Of([Web()], M(3), [Fault(M(1), Component.KubeApiserver), Recover(M(2), Component.KubeApiserver)]));

        var lost = trace.Events.First(e => e.Kind == TraceEventKinds.LeaderLost && e.Subject == "kube-scheduler").AtMs;
        Assert.InRange(lost - M(1), S(8), S(10));
        // Alone, the scheduler restarted as a fresh candidate: it takes the lease 15 s after its first look once the API is back.
        Assert.InRange(Elected(trace, M(1)) - M(2), S(15), S(15 + 4.4));
    }
}

/// <summary>What authors can now ask of a run: whether a Node object exists, and who leads.</summary>
public sealed class NodeAndLeaderQuantityTests
{
    private static bool Holds(Trace trace, string probe)
    {
        var parsed = ProbeParser.Parse(probe);
        Assert.True(parsed.Probe is not null, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return parsed.Probe!.Evaluate(trace).Holds == true;
    }

    [Fact]
    public void NodeExistsFollowsTheNodeObjectThroughAReplacement()
    {
        // replace-node adds node-4 (its kubelet registers it after the boot), then deletes node-2's Node object.
        var trace = Simulator.Run(Of([Web()], M(6), [Act(M(1), new ReplaceNodeAction("node-2"))]));

        Assert.True(Holds(trace, "node(node-2).exists at 30s and not node(node-4).exists at 30s"));
        Assert.True(Holds(trace, "node(node-4).exists at 5m and not node(node-2).exists at 5m"));
    }

    [Fact]
    public void LeaderNamesTheActingReplicaAndZeroWhileNoneLeads()
    {
        var trace = Simulator.Run(Of([Web()], M(3), [new FaultEntry(M(1), new ComponentFault(Component.KubeScheduler, null) { Replica = "leader" })], schedulers: 2));

        Assert.True(Holds(trace, "leader(kube-scheduler) == 1 at 30s"));
        Assert.True(Holds(trace, "leader(kube-scheduler) == 0 at 1m5s"));
        Assert.True(Holds(trace, "leader(kube-scheduler) == 2 at 2m"));
        Assert.True(Holds(trace, "leader(etcd) == 1 at 2m and leader(kube-controller-manager) == 1 at 2m"));
        Assert.Equal("no kube-scheduler replica led at 1:05 (needed 1)", ProbeParser.Parse("leader(kube-scheduler) == 1 at 1m5s").Probe!.Evaluate(trace).Explanation);
    }

    [Fact]
    public void AnUnknownComponentInLeaderListsTheElectedOnes()
    {
        var error = Assert.Single(ProbeParser.Parse("leader(kubelet) == 1 at 1m").Errors);
        Assert.Equal((8, "unknown leader-elected component `kubelet`: the leader-elected components are kube-scheduler, kube-controller-manager, cloud-controller-manager, etcd"), (error.Column, error.Message));
    }
}
