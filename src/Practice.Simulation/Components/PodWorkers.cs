using Practice.Simulation.Cluster;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet's pod workers and container lifecycle (pkg/kubelet/pod_workers.go,
/// kuberuntime_manager.go): admit a pod bound to the node, start its container once nothing
/// blocks it, restart it after a crash with CrashLoopBackOff, stop it when it is deleted.
/// </summary>
/// <remarks>
/// A pod starts only if the container runtime works, the CNI plugin works (static pods use the host
/// network and skip it), the CSI node plugin works (pods with a volume), the image is on the node or the
/// registry answers, and the disk is not full; otherwise it waits in ContainerCreating and is retried
/// when the cause goes away. A crashed container restarts at once the first time; later
/// CrashLoopBackOff delays double from 10 s to a 300 s cap and reset after a container ran 10 minutes
/// cleanly; the back-off lives in the kubelet's memory, so a restarted kubelet restarts exited
/// containers at once.
/// </remarks>
internal sealed class PodWorkers(Kubelet kubelet, Engine engine, ClusterNode node)
{
    private TimingProfile T => engine.Timings;

    public void Admit(Pod pod)
    {
        if (pod.HostedBy == kubelet)
        {
            return;
        }
        pod.HostedBy = kubelet;
        kubelet.Pods.Add(pod);
        pod.Container = ContainerState.None;
        pod.HasSandbox = false;
        if (pod.EverStarted)
        {
            // The machine rebooted under a pod it already ran: its containers start again and count as restarts.
            pod.Restarts++;
            pod.Workload.Restarts++;
            engine.Recorder.Restarts(pod.Workload);
        }
        TryStart(pod);
    }

    /// <summary>
    /// The kubelet process started (<paramref name="resetBackoff"/>: fresh pod workers retry every
    /// waiting pod now) or something pods were waiting for came back (they are retried on their own
    /// schedules: a failed sync after 10 s, a mount or pull on its back-off).
    /// </summary>
    public void SyncLocal(bool resetBackoff)
    {
        if (!kubelet.ProcessUp)
        {
            return;
        }
        foreach (var pod in kubelet.Pods.ToArray())
        {
            if (pod.Terminating || (!pod.InApi && !pod.IsStatic && pod.EverStarted && pod.Container != ContainerState.Running))
            {
                if (pod.Terminating)
                {
                    Kill(pod);
                }
                continue;
            }
            switch (pod.Container)
            {
                case ContainerState.None:
                case ContainerState.Creating when pod.BlockedOnNode && resetBackoff:
                    TryStart(pod);
                    break;
                case ContainerState.BackOff:
                    ScheduleRestart(pod, resetBackoff ? 0 : pod.RestartDueMs - engine.Now);
                    break;
            }
        }
    }

    /// <summary>What keeps the pod's container from starting now, and when it is tried again; null when nothing does.</summary>
    /// <param name="firstStart">The pod needs a sandbox (never started here, or its containers are gone).</param>
    private (string Reason, long RetryInMs)? Blocked(Pod pod, bool firstStart)
    {
        if (!kubelet.RuntimeUp)
        {
            return ("the container runtime is down", T.PodSyncRetryMs);
        }
        if (firstStart)
        {
            if (!pod.IsStatic && !node.Works(Component.CniPlugin))
            {
                return ("the CNI plugin failed to set up the pod network (sandbox not created)", T.PodSyncRetryMs);
            }
            if (!kubelet.Volumes.CanMount(pod))
            {
                var retry = kubelet.Volumes.MountFailed(pod);
                return ($"the CSI node plugin is unavailable: the volume cannot be mounted (next try in {Format.Duration(retry)})", retry);
            }
            kubelet.Volumes.Mounted(pod);
        }
        if (engine.Cluster.RegistryDown && kubelet.Images.NeedsRegistry(pod, firstStart))
        {
            var retry = kubelet.Images.PullFailed(pod);
            return ($"the image cannot be pulled: the registry does not answer (ErrImagePull; ImagePullBackOff, next pull in {Format.Duration(retry)})", retry);
        }
        kubelet.Images.Pulled(pod);
        if (node.DiskFull)
        {
            return ("no space left on device", T.PodSyncRetryMs);
        }
        return null;
    }

    private void TryStart(Pod pod)
    {
        if (!kubelet.ProcessUp || pod.HostedBy != kubelet)
        {
            return;
        }
        // No sandbox yet (never started here, or its containers are gone): it needs one, with the
        // CNI plugin, its volumes and its image, however many tries it takes.
        var fresh = !pod.HasSandbox;
        pod.Container = ContainerState.Creating;
        var epoch = ++pod.Epoch;
        if (Blocked(pod, fresh) is var (reason, retryInMs))
        {
            if ((!pod.BlockedOnNode || pod.ImagePull != ImagePullState.None) && engine.Logs(TraceEventKinds.ContainerCreating, pod.Workload.Name))
            {
                engine.Recorder.Event("kubelet", TraceEventKinds.ContainerCreating, pod.Workload.Name, $"{pod.Name} on {node.Name} stays ContainerCreating: {reason}");
            }
            pod.BlockedOnNode = true;
            kubelet.Status.Report(pod);
            RetryAfter(pod, epoch, retryInMs);
            return;
        }
        pod.BlockedOnNode = false;
        var delay = T.ContainerStartMs + node.Delay(Component.ContainerRuntime);
        if (fresh)
        {
            delay += T.PodSandboxMs;
            if (!pod.IsStatic)
            {
                delay += node.Delay(Component.CniPlugin);
            }
            if (pod.Workload.Spec.Volume)
            {
                delay += node.Delay(Component.CsiNode);
            }
            delay += kubelet.Images.PullMs(pod);
        }
        kubelet.Status.Report(pod);
        engine.After(delay, () => ContainerUp(pod, epoch));
    }

    /// <summary>The pod worker syncs the waiting pod again after <paramref name="delay"/>, unless something else moved it on.</summary>
    private void RetryAfter(Pod pod, int epoch, long delay) =>
        engine.After(delay, () =>
        {
            if (pod.Epoch == epoch && pod.HostedBy == kubelet && pod.Container == ContainerState.Creating && pod.BlockedOnNode)
            {
                TryStart(pod);
            }
        });

    private void ContainerUp(Pod pod, int epoch)
    {
        if (pod.Epoch != epoch || pod.HostedBy != kubelet || !kubelet.ProcessUp)
        {
            return;
        }
        if (!kubelet.RuntimeUp)
        {
            pod.BlockedOnNode = true;
            RetryAfter(pod, epoch, T.PodSyncRetryMs);
            return;
        }
        pod.Container = ContainerState.Running;
        pod.HasSandbox = true;
        pod.RunningSinceMs = engine.Now;
        pod.Workload.ImageOnNode.Add(node.Index);
        engine.Recorder.ContainerRunning(pod, node, +1);
        engine.Traffic.MarkDirty(pod);
        var kind = pod.EverStarted ? TraceEventKinds.ContainerRestarted : TraceEventKinds.ContainerStarted;
        if (engine.Logs(kind, pod.Workload.Name))
        {
            engine.Recorder.Event("kubelet", kind, pod.Workload.Name,
                pod.EverStarted ? $"{pod.Name} on {node.Name} restarted (restart {pod.Restarts})" : $"{pod.Name} started on {node.Name}");
        }
        pod.EverStarted = true;
        kubelet.Probes.ContainerStarted(pod);
        kubelet.Status.Report(pod);
        if (pod.Workload.Spec.CrashAfterMs is { } after)
        {
            engine.After(after, () => Crash(pod, epoch));
        }
    }

    private void Crash(Pod pod, int epoch)
    {
        if (pod.Epoch != epoch || pod.Container != ContainerState.Running || pod.HostedBy != kubelet)
        {
            return;
        }
        engine.Recorder.ContainerRunning(pod, node, -1);
        engine.Traffic.MarkDirty(pod);
        pod.Container = ContainerState.BackOff;
        if (engine.Now - pod.RunningSinceMs >= T.CrashLoopResetMs)
        {
            pod.BackoffStep = 0;
        }
        var delay = CrashBackoff(pod.BackoffStep);
        pod.BackoffStep++;
        pod.RestartDueMs = engine.Now + delay;
        if (engine.Logs(TraceEventKinds.ContainerCrashed, pod.Workload.Name))
        {
            engine.Recorder.Event("kubelet", TraceEventKinds.ContainerCrashed, pod.Workload.Name, delay == 0
                ? $"{pod.Name} on {node.Name} exited after {Format.Duration(engine.Now - pod.RunningSinceMs)}; restarted at once (no back-off before the first restart)"
                : $"{pod.Name} on {node.Name} exited after {Format.Duration(engine.Now - pod.RunningSinceMs)}; back-off {Format.Duration(delay)} before restarting (CrashLoopBackOff)");
        }
        kubelet.Status.Report(pod);
        if (kubelet.ProcessUp && kubelet.RuntimeUp)
        {
            ScheduleRestart(pod, delay);
        }
    }

    /// <summary>
    /// The restart delay after the container's <paramref name="exits"/>-th exit since the back-off
    /// was last reset. The kubelet's doBackOff (pkg/kubelet/kuberuntime/kuberuntime_manager.go)
    /// asks IsInBackOffSince, which is false while the container has no back-off entry, so the
    /// first exit restarts at once; then Next creates the entry at the initial 10 s and each later
    /// exit doubles it up to the 300 s cap (client-go util/flowcontrol/backoff.go).
    /// </summary>
    private long CrashBackoff(int exits) =>
        exits == 0 ? 0 : Math.Min(T.CrashLoopInitialBackoffMs << Math.Min(exits - 1, 30), T.CrashLoopMaxBackoffMs);

    private void ScheduleRestart(Pod pod, long delay)
    {
        var epoch = ++pod.Epoch;
        engine.After(Math.Max(0, delay), () =>
        {
            if (pod.Epoch != epoch || pod.Container != ContainerState.BackOff || pod.HostedBy != kubelet || !kubelet.ProcessUp || !kubelet.RuntimeUp)
            {
                return;
            }
            pod.Restarts++;
            pod.Workload.Restarts++;
            engine.Recorder.Restarts(pod.Workload);
            TryStart(pod);
        });
    }

    /// <summary>Stops a pod that is being deleted; its deletion is confirmed to the API once the containers are gone.</summary>
    public void Kill(Pod pod)
    {
        if (!kubelet.ProcessUp || pod.Container == ContainerState.Stopping)
        {
            return;
        }
        if (pod.IsStatic)
        {
            // Deleting a mirror pod does not stop a static pod: the kubelet just posts the mirror again.
            if (pod.InApi && kubelet.CanWrite)
            {
                engine.Api.RemovePod(pod, "kubelet", "mirror pod deleted; the static pod keeps running");
                engine.Api.CreatePod(pod, node, "kubelet", TraceEventKinds.MirrorPodCreated);
                kubelet.Status.Write(pod);
            }
            return;
        }
        if (pod.HostedBy != kubelet)
        {
            ConfirmDeletion(pod);
            return;
        }
        if (pod.Container == ContainerState.Running)
        {
            if (!kubelet.RuntimeUp)
            {
                return;
            }
            pod.Container = ContainerState.Stopping;
            var epoch = ++pod.Epoch;
            engine.After(T.PodGracefulStopMs + node.Delay(Component.ContainerRuntime), () =>
            {
                if (pod.Epoch == epoch && pod.HostedBy == kubelet)
                {
                    Stopped(pod);
                }
            });
            return;
        }
        Stopped(pod);
    }

    /// <summary>The pod's containers are gone (stopped, or the machine lost power): it leaves this kubelet.</summary>
    public void Release(Pod pod, ContainerState now)
    {
        if (pod.Container is ContainerState.Running or ContainerState.Stopping)
        {
            engine.Recorder.ContainerRunning(pod, node, -1);
            engine.Traffic.MarkDirty(pod);
        }
        pod.Container = now;
        pod.HasSandbox = false;
        pod.Epoch++;
        pod.HostedBy = null;
    }

    private void Stopped(Pod pod)
    {
        Release(pod, ContainerState.Gone);
        kubelet.Pods.Remove(pod);
        if (engine.Logs(TraceEventKinds.ContainerKilled, pod.Workload.Name))
        {
            engine.Recorder.Event("kubelet", TraceEventKinds.ContainerKilled, pod.Workload.Name, $"{pod.Name} on {node.Name} stopped");
        }
        ConfirmDeletion(pod);
    }

    private void ConfirmDeletion(Pod pod)
    {
        if (pod.InApi && pod.Terminating && kubelet.CanWrite)
        {
            engine.Api.RemovePod(pod, "kubelet", $"containers on {node.Name} stopped; deletion confirmed");
        }
    }
}
