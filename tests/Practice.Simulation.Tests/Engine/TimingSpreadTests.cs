using System.Globalization;
using System.Text.RegularExpressions;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Real timing spreads, still the same for the same seed.</summary>
public sealed partial class TimingSpreadTests
{
    [Fact]
    public void EtcdReElectionsSpreadOverOneToTwoElectionTimeoutsPlusThePreVote()
    {
        // etcd raft.go: resetRandomizedElectionTimeout draws each follower's timeout uniformly in
        // [electionTimeout, 2 × electionTimeout); the first to time out runs a pre-vote, then the
        // vote (two round trips of 5 ms here). The election timeout is 1 s by default.
        var elections = Enumerable.Range(1, 50).Select(seed =>
        {
            var trace = Simulator.Run(Of([Web()], M(2), [new FaultEntry(M(1), new EtcdLeaderDown())], seed: seed));
            return trace.Events.First(e => e.Kind == TraceEventKinds.EtcdLeaderElected && e.AtMs > M(1)).AtMs - M(1);
        }).ToList();

        Assert.All(elections, t => Assert.InRange(t, 1_000 + 10, 2_000 + 10));
        Assert.True(elections.Max() - elections.Min() >= 300, $"elections took {elections.Min()} to {elections.Max()} ms");
        // Same seed, same run.
        Assert.Equal(elections[6], Simulator.Run(Of([Web()], M(2), [new FaultEntry(M(1), new EtcdLeaderDown())], seed: 7))
            .Events.First(e => e.Kind == TraceEventKinds.EtcdLeaderElected && e.AtMs > M(1)).AtMs - M(1));
    }

    [Fact]
    public void AStoppedKubeletsNodeIsNotReadyZeroToFiveSecondsAfterTheGracePeriodFromItsLastRenewal()
    {
        // node_lifecycle_controller.go: the controller notes the time it sees a renewal at one of its
        // 5 s passes (probeTimestamp) and marks the node once that note is a grace period (50 s) old.
        var sinceRenewal = Enumerable.Range(1, 20).Select(seed =>
        {
            var trace = Simulator.Run(Of([Web()], M(3), [Fault(M(1), Component.Kubelet, "node-2")], seed: seed));
            var notReady = trace.Events.First(e => e.Kind == TraceEventKinds.NodeNotReady && e.Subject == "node-2");
            var missed = MissedFor().Match(notReady.Reason);
            Assert.True(missed.Success, notReady.Reason);
            return double.Parse(missed.Groups[1].Value, CultureInfo.InvariantCulture);
        }).ToList();

        Assert.All(sinceRenewal, s => Assert.InRange(s, 50, 55));
        Assert.True(sinceRenewal.Max() - sinceRenewal.Min() >= 1, $"{sinceRenewal.Min()} to {sinceRenewal.Max()} s");
    }

    [GeneratedRegex(@"missed lease renewals for ([0-9.]+)s")]
    private static partial Regex MissedFor();
}

/// <summary>A returning kube-proxy rewrites every rule at once: the more endpoints, the longer.</summary>
public sealed class KubeProxyResyncTests
{
    private static (long Endpoints, long Resync) Resync(int replicas)
    {
        // 40 nodes of 4 CPU fit 1,000 pods of 100m.
        var trace = Simulator.Run(Of([Web(replicas: replicas)], M(6), [Fault(M(2), Component.KubeProxy, "node-2"), Recover(M(4), Component.KubeProxy, "node-2")], nodes: 40));
        return (trace.Endpoints("web", M(4)), trace.Events.First(e => e.Kind == TraceEventKinds.RulesSynced && e.Subject == "node-2" && e.AtMs >= M(4)).AtMs - M(4));
    }

    [Fact]
    public void TheResyncAfterItReturnsGrowsWithTheEndpoints()
    {
        // One round trip (20 ms), then 0.5 s per thousand endpoints (a model figure).
        Assert.Equal((6, 20 + 6 * 500 / 1000), Resync(6));
        Assert.Equal((1_000, 20 + 1_000 * 500 / 1000), Resync(1_000));
    }
}
