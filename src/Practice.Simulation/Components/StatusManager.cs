using Practice.Simulation.Cluster;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet's status manager (pkg/kubelet/status): what it sees of each pod is posted to the
/// API a round trip later; while it cannot write, statuses are marked dirty and all are posted
/// again when the watch is re-established. Static pods get their mirror pods here.
/// </summary>
internal sealed class StatusManager(Kubelet kubelet, Engine engine, ClusterNode node)
{
    public void Report(Pod pod)
    {
        pod.StatusDirty = true;
        if (!kubelet.CanWrite || !kubelet.Connected || pod.StatusReportScheduled)
        {
            return;
        }
        pod.StatusReportScheduled = true;
        engine.After(engine.Api.Latency + node.Delay(Model.Component.Kubelet), () =>
        {
            pod.StatusReportScheduled = false;
            if (kubelet.CanWrite && kubelet.Connected && pod.HostedBy == kubelet)
            {
                Write(pod);
            }
        });
    }

    /// <summary>Posts every pod's status (and any missing mirror pod) now.</summary>
    public void Flush()
    {
        if (!kubelet.CanWrite)
        {
            return;
        }
        foreach (var pod in kubelet.Pods.ToArray())
        {
            if (pod.IsStatic && !pod.InApi)
            {
                engine.Api.CreatePod(pod, node, "kubelet", TraceEventKinds.MirrorPodCreated);
            }
            Write(pod);
        }
    }

    public void Write(Pod pod)
    {
        if (!pod.InApi)
        {
            if (pod.IsStatic && kubelet.CanWrite)
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
            ContainerState.Running => (PodPhase.Running, pod.ProbeReady),
            ContainerState.Stopping => (PodPhase.Running, false),
            ContainerState.BackOff => (PodPhase.CrashLoopBackOff, false),
            ContainerState.Creating when pod.ImagePull == ImagePullState.ErrImagePull => (PodPhase.ErrImagePull, false),
            ContainerState.Creating when pod.ImagePull == ImagePullState.ImagePullBackOff => (PodPhase.ImagePullBackOff, false),
            ContainerState.Creating => (pod.EverStarted ? PodPhase.Running : PodPhase.ContainerCreating, false),
            _ => (PodPhase.Pending, false),
        };
        engine.Api.SetPodStatus(pod, status, ready);
    }
}
