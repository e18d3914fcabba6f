using Practice.Simulation.Cluster;
using Practice.Simulation.Model;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet's volume manager (pkg/kubelet/volumemanager): a pod with a volume starts only once
/// the CSI node plugin has mounted it. A failed mount is retried with an exponential back-off from
/// 500 ms, doubling, up to 2 min 2 s (pkg/util/goroutinemap/exponentialbackoff:
/// initialDurationBeforeRetry, maxDurationBeforeRetry), so a plugin that comes back is noticed at
/// the next try, not at once; the pod stays ContainerCreating meanwhile.
/// </summary>
internal sealed class VolumeManager(Engine engine, ClusterNode node)
{
    public bool CanMount(Pod pod) => !pod.Workload.Spec.Volume || node.Works(Component.CsiNode);

    /// <summary>The mount failed now; returns when it is tried again.</summary>
    public long MountFailed(Pod pod)
    {
        var t = engine.Timings;
        pod.MountBackoffMs = pod.MountBackoffMs == 0 ? t.VolumeMountInitialBackoffMs : Math.Min(pod.MountBackoffMs * 2, t.VolumeMountMaxBackoffMs);
        return pod.MountBackoffMs;
    }

    public void Mounted(Pod pod) => pod.MountBackoffMs = 0;
}
