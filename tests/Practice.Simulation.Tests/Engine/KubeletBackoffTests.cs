using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>The kubelet waits on its back-offs: a dependency that comes back is noticed at the next try, not at once.</summary>
public sealed class KubeletBackoffTests
{
    /// <summary>When the kubelet tried to start web's newest pod and failed (the first "stays ContainerCreating" event after <paramref name="after"/>).</summary>
    private static List<long> Attempts(Trace trace, long after) =>
        trace.Events.Where(e => e.Kind == TraceEventKinds.ContainerCreating && e.Subject == "web" && e.AtMs >= after).Select(e => e.AtMs).ToList();

    private static long StartedAfter(Trace trace, long after) =>
        trace.Events.First(e => e.Kind == TraceEventKinds.ContainerStarted && e.Subject == "web" && e.AtMs >= after).AtMs;

    [Fact]
    public void PullsAgainstARegistryDownForTenMinutesFallAtTheDoublingBackOffAndThePodShowsErrImagePullThenImagePullBackOff()
    {
        // pkg/kubelet/kubelet.go: imageBackOffPeriod = 10 s, MaxImageBackOff = 300 s; the image
        // manager's flowcontrol.Backoff doubles after each failed pull. A pod that needs the image
        // on a node without it (the third replica goes to the empty node-3) pulls at 0, 10, 30,
        // 70, 150, 310 and 610 s.
        var trace = Simulator.Run(Of([Web(replicas: 2)], M(16), [new FaultEntry(M(1), new RegistryDown()), Act(M(2), new ScaleAction("web", 3)), new RecoverEntry(M(12), new RegistryDown())]));

        var pulls = Attempts(trace, M(2));
        var first = pulls[0];
        Assert.Equal([0, 10, 30, 70, 150, 310], pulls.Select(t => (t - first) / 1000.0));
        // kubectl: ErrImagePull right after a failed pull, ImagePullBackOff from the next sync (10 s) until the next pull.
        Assert.Equal(1, trace.Pods("web", PodPhase.ErrImagePull, null, first + S(5)));
        Assert.Equal(1, trace.Pods("web", PodPhase.ImagePullBackOff, null, first + S(25)));
        Assert.Equal(1, trace.Pods("web", PodPhase.ImagePullBackOff, null, first + S(500)));
        // The registry is back at 12m (about 600 s after the first pull); the pod waits for the pull at 610 s.
        Assert.InRange(M(12) - first, S(595), S(605));
        Assert.Equal(1, trace.Pods("web", PodPhase.ImagePullBackOff, null, M(12) + S(1)));
        Assert.InRange(StartedAfter(trace, M(2)) - first, S(610), S(615));
    }

    [Fact]
    public void TheProbeLanguageReadsTheNewPhasesAsAuthorsWriteThem()
    {
        var trace = Simulator.Run(Of([Web(replicas: 2)], M(6), [new FaultEntry(M(1), new RegistryDown()), Act(M(2), new ScaleAction("web", 3))]));

        // The pull at about 2m fails; the next ones at about 2m10s and 2m30s; ImagePullBackOff between.
        Assert.True(ProbeParser.Parse("pods(web, ErrImagePull) == 1 at 2m05s").Probe!.Evaluate(trace).Holds);
        Assert.True(ProbeParser.Parse("pods(web, ImagePullBackOff) == 1 at 2m25s and pods(web, Ready) == 2 at 2m25s").Probe!.Evaluate(trace).Holds);
        Assert.True(ProbeParser.Parse("pods(web, ContainerCreating) == 0 throughout 2m05s..6m").Probe!.Evaluate(trace).Holds);
    }

    [Fact]
    public void ImagePullPolicyAlwaysNeedsTheRegistryEvenForACachedImageIfNotPresentDoesNot()
    {
        // Images concept page: IfNotPresent uses the node's copy; Always asks the registry at every container start.
        WorkloadSpec Crasher(ImagePullPolicy policy) => new() { Kind = WorkloadKind.Deployment, Name = "web", Replicas = 1, CrashAfterMs = M(2), ImagePullPolicy = policy };
        List<TimelineEntry> registryDown = [new FaultEntry(M(1), new RegistryDown())];

        var always = Simulator.Run(Of([Crasher(ImagePullPolicy.Always)], M(5), registryDown));
        var ifNotPresent = Simulator.Run(Of([Crasher(ImagePullPolicy.IfNotPresent)], M(5), registryDown));

        // The container exits at about 2m; the restart needs a pull under Always and cannot have it.
        Assert.Equal(0, always.Containers("web", null, M(4)));
        Assert.Equal(1, always.Pods("web", PodPhase.ImagePullBackOff, null, M(4)));
        Assert.Equal(1, ifNotPresent.Containers("web", null, M(4)));
        Assert.Equal(1, ifNotPresent.Restarts("web", M(4)));
    }

    [Fact]
    public void AVolumeMountIsRetriedOnItsBackOffSoThePodStartsAtTheFirstTryAfterTheCsiPluginReturns()
    {
        // The volume manager's exponential back-off (pkg/util/goroutinemap/exponentialbackoff):
        // 500 ms, doubling, at most 2 min 2 s. Tries at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5 s.
        var db = new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "web", Replicas = 2, Volume = true };
        var trace = Simulator.Run(Of([db], M(6), [Fault(M(1), Component.CsiNode), Act(M(2), new ScaleAction("web", 3)), Recover(M(2) + S(40), Component.CsiNode)]));

        var tries = Attempts(trace, M(2));
        var first = tries[0];
        // Only the first failure is logged (the later ones only postpone); the pod stays ContainerCreating.
        Assert.Equal(1, trace.Pods("web", PodPhase.ContainerCreating, null, first + S(50)));
        // The plugin is back 40 s after the scale (about 39.9 s after the first try): the next try is at 63.5 s.
        var started = StartedAfter(trace, M(2));
        // A first start then takes the sandbox (0.5 s), the image pull (2 s) and the container start (0.3 s).
        Assert.InRange(started - first, S(63.5), S(63.5 + 3));
    }

    [Fact]
    public void AFailedPodSyncIsRetriedAboutTenSecondsLaterNotTheInstantTheCniPluginReturns()
    {
        // pkg/kubelet/pod_workers.go: a sync that fails (the sandbox cannot be created) is requeued
        // after backOffPeriod, 10 s (its jitter is left out: the model is deterministic).
        var trace = Simulator.Run(Of([Web(replicas: 2)], M(6), [Fault(M(1), Component.CniPlugin), Act(M(2), new ScaleAction("web", 3)), Recover(M(2) + S(25), Component.CniPlugin)]));

        var first = Attempts(trace, M(2))[0];
        var started = StartedAfter(trace, M(2));
        // Tries at 0, 10, 20, 30 s: the plugin is back at about 25 s, the pod starts after the try at 30 s.
        Assert.InRange(started - first, S(30), S(30 + 3));
        Assert.Equal(1, trace.Pods("web", PodPhase.ContainerCreating, null, M(2) + S(27)));
    }

    [Fact]
    public void PodsANodeRunsAgainAfterAPowerCycleNeedTheCniPluginLikeAnyNewSandbox()
    {
        // After a reboot every container is gone; the kubelet must create each pod's sandbox again,
        // which needs the CNI plugin. With the plugin broken, node-2's pods run nothing and are not
        // Ready, on every retry; once it works again the next retry starts them.
        var trace = Simulator.Run(Of([Web()], M(6), [
            Fault(M(1), Component.CniPlugin, "node-2"),
            new FaultEntry(M(2), new NodePowerOff("node-2")), new RecoverEntry(M(2) + S(20), new NodePowerOff("node-2")),
            Recover(M(4), Component.CniPlugin, "node-2")]));

        Assert.True(Scenario.Throughout(trace, M(2) + S(1), M(4), t => trace.Containers("web", On("node-2"), t) == 0));
        Assert.Equal(0, trace.Pods("web", PodPhase.Ready, On("node-2"), M(3) + S(30)));
        Assert.Equal(2, trace.Containers("web", On("node-2"), M(4) + S(15)));
    }

    [Fact]
    public void ARestartedKubeletRetriesAWaitingPodAtOnce()
    {
        // Fresh pod workers have no back-off: the pod that waited on the CNI plugin starts right after the kubelet restart.
        var trace = Simulator.Run(Of([Web(replicas: 2)], M(6), [
            Fault(M(1), Component.CniPlugin), Act(M(2), new ScaleAction("web", 3)),
            Recover(M(2) + S(25), Component.CniPlugin), Act(M(2) + S(26), new RestartAction(Component.Kubelet, null))]));

        var started = StartedAfter(trace, M(2));
        // The kubelet is back 2 s after the restart; the pod then takes about 3 s to start.
        Assert.InRange(started, M(2) + S(28), M(2) + S(28 + 3));
    }
}
