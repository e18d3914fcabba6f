using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>
/// Restoring etcd from a snapshot (Operating etcd clusters for Kubernetes, kubernetes.io: "restore
/// ... brings the cluster back to the state at the time of the snapshot") puts back every object as
/// the snapshot held it; the kubelets then reconcile what runs with what the API says.
/// </summary>
public sealed class EtcdRestoreTests
{
    private static Trace Run(params TimelineEntry[] timeline) =>
        Simulator.Run(Of([Web()], M(8), [.. timeline, Act(M(3), new RestoreEtcdAction())], snapshotAt: M(1)));

    [Fact]
    public void APodDeletedAfterTheSnapshotComesBackAndItsReplacementGoes()
    {
        var trace = Run(Act(M(2), new DeletePodAction("web", "node-2")));

        var deleted = trace.Events.First(e => e.Kind == TraceEventKinds.PodDeleted && e.AtMs >= M(2)).Reason.Split(' ')[0].TrimEnd(':');
        var replacement = trace.Events.First(e => e.Kind == TraceEventKinds.PodCreated && e.AtMs > M(2)).Reason.Split(' ')[^1];
        Assert.Contains(trace.Events, e => e.Kind == "RestoredFromSnapshot" && e.Reason.StartsWith(deleted, StringComparison.Ordinal));
        Assert.Contains(trace.Events, e => e.Kind == TraceEventKinds.PodDeleted && e.AtMs > M(3) && e.Reason.StartsWith(replacement, StringComparison.Ordinal) && e.Reason.Contains("after the snapshot"));
        // The kubelet on node-2 starts the returned pod again: six pods, two on node-2, all running.
        Assert.Equal(6, trace.Pods("web", PodPhase.Running, null, M(6)));
        Assert.Equal(2, trace.Containers("web", On("node-2"), M(6)));
    }

    [Fact]
    public void ACordonMadeAfterTheSnapshotIsUndone()
    {
        var trace = Run(Act(M(2), new CordonAction("node-2")));

        Assert.False(trace.NodeSchedulable("node-2", M(2) + S(30)));
        Assert.True(trace.NodeSchedulable("node-2", M(5)));
    }

    [Fact]
    public void TheRestoreTakesLongerTheMoreObjectsTheSnapshotHolds()
    {
        static long Restoring(int replicas)
        {
            var trace = Simulator.Run(Of([Web(replicas: replicas)], M(10), [Act(M(3), new RestoreEtcdAction())], nodes: 20, snapshotAt: M(2)));
            var started = trace.Events.First(e => e.Kind == TraceEventKinds.ActionTaken && e.Subject == "etcd").AtMs;
            return trace.Events.First(e => e.Kind == TraceEventKinds.EtcdRestored).AtMs - started;
        }

        // 10 s, plus 1 s per thousand objects (a model figure): 6 pods + 20 nodes with leases + 1 workload
        // with its ReplicaSet is 48 objects; 2,000 pods make it 2,042.
        Assert.Equal(10_048, Restoring(6));
        Assert.Equal(12_042, Restoring(2_000));
    }
}
