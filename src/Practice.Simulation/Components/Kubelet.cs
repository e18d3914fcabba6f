using Practice.Simulation.Cluster;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet of one node: node lease, pod sync from its own cache, container starts and restarts
/// with CrashLoopBackOff, static pods with mirror pods, and status reports that wait for the API.
/// </summary>
/// <remarks>
/// One lease timer per node, never one per pod. While it cannot reach the API the kubelet keeps running
/// and restarting what it already has; lease updates are retried with a backoff from 200 ms to 7 s, and
/// pod statuses are marked dirty and posted on reconnect. A crashed container restarts at once the first
/// time; later CrashLoopBackOff delays double from 10 s to a 300 s cap and reset after a container ran
/// 10 minutes cleanly; the backoff lives in the kubelet's
/// memory, so a restarted kubelet restarts exited containers at once.
/// A pod starts only if the container runtime works, the CNI plugin works (static pods use the host
/// network and skip it), the CSI node plugin works (pods with a volume), the image is on the node or the
/// registry answers, and the disk is not full; otherwise it waits in ContainerCreating and is retried
/// when the cause goes away. Workloads declare no readiness probe, so a running container is Ready.
/// </remarks>
internal sealed class Kubelet
{
    private readonly Engine engine;
    private readonly ClusterNode node;
    private readonly List<Pod> pods = [];
    private readonly List<Pod> staticPods = [];
    private int loopEpoch;
    private long leaseBackoff;
    private bool connected;
    private bool reconnectScheduled;

    public Kubelet(Engine engine, ClusterNode node)
    {
        this.engine = engine;
        this.node = node;
    }

    private TimingProfile T => engine.Timings;

    public bool ProcessUp => node.Powered && !node.Booting && node.Works(Component.Kubelet);
    public bool CanReach => ProcessUp && !node.CutFromControlPlane && engine.Api.Available;
    public bool CanWrite => CanReach && engine.Api.Writable;
    public bool Connected => connected;
    private bool RuntimeUp => node.Works(Component.ContainerRuntime);

    public void AddStaticPod(Pod pod) => staticPods.Add(pod);

    /// <summary>The kubelet process starts (boot, recovery, restart): lease loop, static pods, then a relist once connected.</summary>
    public void Start(long firstRenewInMs)
    {
        if (!ProcessUp)
        {
            return;
        }
        var epoch = ++loopEpoch;
        leaseBackoff = 0;
        engine.After(firstRenewInMs, () => LeaseTick(epoch));
        foreach (var pod in staticPods)
        {
            Admit(pod);
        }
        SyncLocal(resetBackoff: true);
        RefreshConnectivity();
    }

    /// <summary>At the start of the run the kubelet already has its watch: no reconnect delay.</summary>
    public void AssumeConnected()
    {
        // Statuses (and static pods' mirror pods) are posted by the ordinary report path a round trip later,
        // so a fault at 0 s can still keep them out of the API.
        connected = CanReach;
    }

    /// <summary>The process stops (fault, power loss): containers are the runtime's and keep running unless the machine is off.</summary>
    public void Stop()
    {
        loopEpoch++;
        connected = false;
    }

    /// <summary>The machine lost power: every container is gone and the kubelet forgets its pods.</summary>
    public void PowerLost()
    {
        Stop();
        foreach (var pod in pods)
        {
            if (pod.Container is ContainerState.Running or ContainerState.Stopping)
            {
                engine.Recorder.ContainerRunning(pod, node, -1);
                engine.Traffic.MarkDirty(pod);
            }
            pod.Container = ContainerState.None;
            pod.Epoch++;
            pod.HostedBy = null;
            pod.BlockedOnNode = false;
        }
        pods.Clear();
    }

    private void LeaseTick(int epoch)
    {
        if (epoch != loopEpoch || !ProcessUp)
        {
            return;
        }
        if (CanWrite)
        {
            leaseBackoff = 0;
            var delay = node.Delay(Component.Kubelet) + engine.ControlPlane.WriteDelayMs;
            if (delay == 0)
            {
                RenewLease();
            }
            else
            {
                engine.After(delay, () =>
                {
                    if (epoch == loopEpoch)
                    {
                        RenewLease();
                    }
                });
            }
            engine.After(T.NodeLeaseRenewIntervalMs, () => LeaseTick(epoch));
        }
        else
        {
            leaseBackoff = leaseBackoff == 0 ? T.LeaseRetryInitialMs : Math.Min(leaseBackoff * 2, T.LeaseRetryMaxMs);
            engine.After(leaseBackoff, () => LeaseTick(epoch));
        }
    }

    private void RenewLease()
    {
        if (!CanWrite)
        {
            return;
        }
        if (!node.InApi)
        {
            engine.Api.RegisterNode(node);
            engine.Log("kubelet", TraceEventKinds.NodeRegistered, node.Name, $"the kubelet on {node.Name} registered its Node");
        }
        node.LeaseRenewedAtMs = engine.Now;
        PostNodeStatus();
        if (node.PodStatusesOverridden && RuntimeUp && connected)
        {
            // The status manager's periodic sync notices the API disagrees with what it sees and re-posts.
            node.PodStatusesOverridden = false;
            FlushStatuses();
        }
    }

    /// <summary>Node status: Ready=False while the container runtime is down; DiskPressure while the disk is full.</summary>
    private void PostNodeStatus()
    {
        var ready = RuntimeUp ? NodeCondition.True : NodeCondition.False;
        if (node.Ready != ready)
        {
            var was = node.Ready;
            engine.Api.SetNodeReady(node, ready);
            if (ready == NodeCondition.True)
            {
                engine.Log("kubelet", TraceEventKinds.NodeReady, node.Name, $"the kubelet on {node.Name} reports Ready (was {was})");
            }
            else
            {
                engine.Log("kubelet", TraceEventKinds.NodeNotReady, node.Name, $"the kubelet on {node.Name} reports Ready=False: container runtime is down (runtime not ready)");
            }
        }
    }

    /// <summary>Re-evaluates whether this kubelet can reach the API; on regaining it, relists after the reconnect delay.</summary>
    public void RefreshConnectivity()
    {
        engine.Proxies.RefreshNode(node);
        if (!CanReach)
        {
            connected = false;
            return;
        }
        if (connected || reconnectScheduled)
        {
            return;
        }
        reconnectScheduled = true;
        engine.After(T.ClientReconnectMs, () =>
        {
            reconnectScheduled = false;
            if (CanReach && !connected)
            {
                connected = true;
                Relist();
            }
        });
    }

    public void OnPodBound(Pod pod)
    {
        if (!connected)
        {
            return;
        }
        engine.After(engine.Api.Latency, () =>
        {
            if (connected && pod.InApi && !pod.Terminating && pod.Node == node)
            {
                Admit(pod);
            }
        });
    }

    public void OnPodDeleting(Pod pod)
    {
        if (!connected)
        {
            return;
        }
        engine.After(engine.Api.Latency, () =>
        {
            if (connected)
            {
                Kill(pod);
            }
        });
    }

    /// <summary>Watch re-established: register if needed, pick up new pods, stop deleted ones, post every status.</summary>
    private void Relist()
    {
        if (CanWrite)
        {
            RenewLease();
        }
        foreach (var pod in node.ApiPods.ToArray())
        {
            if (pod.Terminating)
            {
                Kill(pod);
            }
            else if (pod.HostedBy != this && !pod.IsStatic)
            {
                Admit(pod);
            }
        }
        foreach (var pod in pods.ToArray())
        {
            if (!pod.IsStatic && !pod.InApi)
            {
                Kill(pod);
            }
        }
        FlushStatuses();
    }

    private void Admit(Pod pod)
    {
        if (pod.HostedBy == this)
        {
            return;
        }
        pod.HostedBy = this;
        pods.Add(pod);
        pod.Container = ContainerState.None;
        if (pod.EverStarted)
        {
            // The machine rebooted under a pod it already ran: its containers start again and count as restarts.
            pod.Restarts++;
            pod.Workload.Restarts++;
            engine.Recorder.Restarts(pod.Workload);
        }
        TryStart(pod);
    }

    /// <summary>Something that blocked starts came back (runtime, CNI plugin, CSI, registry, disk, or the kubelet itself).</summary>
    public void SyncLocal(bool resetBackoff)
    {
        if (!ProcessUp)
        {
            return;
        }
        foreach (var pod in pods.ToArray())
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
                case ContainerState.Creating when pod.BlockedOnNode:
                    TryStart(pod);
                    break;
                case ContainerState.BackOff:
                    ScheduleRestart(pod, resetBackoff ? 0 : pod.RestartDueMs - engine.Now);
                    break;
            }
        }
    }

    private string? BlockedBy(Pod pod)
    {
        if (!RuntimeUp)
        {
            return "the container runtime is down";
        }
        if (!pod.EverStarted || pod.Container == ContainerState.None)
        {
            if (!pod.IsStatic && !node.Works(Component.CniPlugin))
            {
                return "the CNI plugin failed to set up the pod network (sandbox not created)";
            }
            if (pod.Workload.Spec.Volume && !node.Works(Component.CsiNode))
            {
                return "the CSI node plugin is unavailable: the volume cannot be mounted";
            }
            if (engine.Cluster.RegistryDown && !pod.Workload.ImageOnNode.Contains(node.Index))
            {
                return "the image cannot be pulled: the registry does not answer";
            }
        }
        if (node.DiskFull)
        {
            return "no space left on device";
        }
        return null;
    }

    private void TryStart(Pod pod)
    {
        if (!ProcessUp || pod.HostedBy != this)
        {
            return;
        }
        var fresh = pod.Container == ContainerState.None;
        var blocked = BlockedBy(pod);
        pod.Container = ContainerState.Creating;
        var epoch = ++pod.Epoch;
        if (blocked is not null)
        {
            if (!pod.BlockedOnNode && engine.Logs(TraceEventKinds.ContainerCreating, pod.Workload.Name))
            {
                engine.Recorder.Event("kubelet", TraceEventKinds.ContainerCreating, pod.Workload.Name, $"{pod.Name} on {node.Name} stays ContainerCreating: {blocked}");
            }
            pod.BlockedOnNode = true;
            ReportStatus(pod);
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
            if (!pod.Workload.ImageOnNode.Contains(node.Index))
            {
                delay += T.ImagePullMs;
            }
        }
        ReportStatus(pod);
        engine.After(delay, () => ContainerUp(pod, epoch));
    }

    private void ContainerUp(Pod pod, int epoch)
    {
        if (pod.Epoch != epoch || pod.HostedBy != this || !ProcessUp)
        {
            return;
        }
        if (!RuntimeUp)
        {
            pod.BlockedOnNode = true;
            return;
        }
        pod.Container = ContainerState.Running;
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
        ReportStatus(pod);
        if (pod.Workload.Spec.CrashAfterMs is { } after)
        {
            engine.After(after, () => Crash(pod, epoch));
        }
    }

    private void Crash(Pod pod, int epoch)
    {
        if (pod.Epoch != epoch || pod.Container != ContainerState.Running || pod.HostedBy != this)
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
        ReportStatus(pod);
        if (ProcessUp && RuntimeUp)
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
            if (pod.Epoch != epoch || pod.Container != ContainerState.BackOff || pod.HostedBy != this || !ProcessUp || !RuntimeUp)
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
    private void Kill(Pod pod)
    {
        if (!ProcessUp || pod.Container == ContainerState.Stopping)
        {
            return;
        }
        if (pod.IsStatic)
        {
            // Deleting a mirror pod does not stop a static pod: the kubelet just posts the mirror again.
            if (pod.InApi && CanWrite)
            {
                engine.Api.RemovePod(pod, "kubelet", "mirror pod deleted; the static pod keeps running");
                engine.Api.CreatePod(pod, node, "kubelet", TraceEventKinds.MirrorPodCreated);
                WriteStatus(pod);
            }
            return;
        }
        if (pod.HostedBy != this)
        {
            ConfirmDeletion(pod);
            return;
        }
        if (pod.Container == ContainerState.Running)
        {
            if (!RuntimeUp)
            {
                return;
            }
            pod.Container = ContainerState.Stopping;
            var epoch = ++pod.Epoch;
            engine.After(T.PodGracefulStopMs + node.Delay(Component.ContainerRuntime), () =>
            {
                if (pod.Epoch == epoch && pod.HostedBy == this)
                {
                    Stopped(pod);
                }
            });
            return;
        }
        Stopped(pod);
    }

    private void Stopped(Pod pod)
    {
        if (pod.Container is ContainerState.Running or ContainerState.Stopping)
        {
            engine.Recorder.ContainerRunning(pod, node, -1);
            engine.Traffic.MarkDirty(pod);
        }
        pod.Container = ContainerState.Gone;
        pod.Epoch++;
        pod.HostedBy = null;
        pods.Remove(pod);
        if (engine.Logs(TraceEventKinds.ContainerKilled, pod.Workload.Name))
        {
            engine.Recorder.Event("kubelet", TraceEventKinds.ContainerKilled, pod.Workload.Name, $"{pod.Name} on {node.Name} stopped");
        }
        ConfirmDeletion(pod);
    }

    private void ConfirmDeletion(Pod pod)
    {
        if (pod.InApi && pod.Terminating && CanWrite)
        {
            engine.Api.RemovePod(pod, "kubelet", $"containers on {node.Name} stopped; deletion confirmed");
        }
    }

    private void ReportStatus(Pod pod)
    {
        pod.StatusDirty = true;
        if (!CanWrite || !connected || pod.StatusReportScheduled)
        {
            return;
        }
        pod.StatusReportScheduled = true;
        engine.After(engine.Api.Latency + node.Delay(Component.Kubelet), () =>
        {
            pod.StatusReportScheduled = false;
            if (CanWrite && connected && pod.HostedBy == this)
            {
                WriteStatus(pod);
            }
        });
    }

    private void FlushStatuses()
    {
        if (!CanWrite)
        {
            return;
        }
        foreach (var pod in pods.ToArray())
        {
            if (pod.IsStatic && !pod.InApi)
            {
                engine.Api.CreatePod(pod, node, "kubelet", TraceEventKinds.MirrorPodCreated);
            }
            WriteStatus(pod);
        }
    }

    private void WriteStatus(Pod pod)
    {
        if (!pod.InApi)
        {
            if (pod.IsStatic && CanWrite)
            {
                engine.Api.CreatePod(pod, node, "kubelet", TraceEventKinds.MirrorPodCreated);
            }
            else
            {
                return;
            }
        }
        pod.StatusDirty = false;
        var (status, ready) = pod.Container switch
        {
            ContainerState.Running => (PodPhase.Running, true),
            ContainerState.Stopping => (PodPhase.Running, false),
            ContainerState.BackOff => (PodPhase.CrashLoopBackOff, false),
            ContainerState.Creating => (pod.EverStarted ? PodPhase.Running : PodPhase.ContainerCreating, false),
            _ => (PodPhase.Pending, false),
        };
        engine.Api.SetPodStatus(pod, status, ready);
    }
}
