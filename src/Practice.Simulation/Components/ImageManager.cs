using Practice.Simulation.Cluster;
using Practice.Simulation.Model;

namespace Practice.Simulation.Components;

/// <summary>What a pod's image pull shows while it fails (the container's waiting reason).</summary>
internal enum ImagePullState { None, ErrImagePull, ImagePullBackOff }

/// <summary>
/// The kubelet's image manager (pkg/kubelet/images): whether a container start needs the registry,
/// and the back-off after a failed pull. <c>IfNotPresent</c> (the default for a tagged image) uses
/// the node's copy when it has one; <c>Always</c> asks the registry at every container start.
/// </summary>
/// <remarks>
/// A failed pull shows <c>ErrImagePull</c>; the pod's next sync, about 10 s later, finds the pull
/// in back-off and shows <c>ImagePullBackOff</c> until the back-off ends. The back-off starts at
/// 10 s and doubles to 300 s (imageBackOffPeriod and MaxImageBackOff in pkg/kubelet/kubelet.go),
/// so against a registry that stays down the pulls fall at 0, 10, 30, 70, 150, 310, 610 s. A
/// registry that comes back is noticed at the next pull, not at once.
/// </remarks>
internal sealed class ImageManager(Kubelet kubelet, Engine engine, ClusterNode node)
{
    /// <summary>Whether starting the pod's container now needs the registry.</summary>
    public bool NeedsRegistry(Pod pod, bool firstStart) =>
        pod.Workload.Spec.ImagePullPolicy == ImagePullPolicy.Always || (firstStart && !pod.Workload.ImageOnNode.Contains(node.Index));

    /// <summary>The time a pull adds to a start: none when the node has the image.</summary>
    public long PullMs(Pod pod) => pod.Workload.ImageOnNode.Contains(node.Index) ? 0 : engine.Timings.ImagePullMs;

    /// <summary>A pull failed now: the pod shows ErrImagePull, then ImagePullBackOff; returns when to pull again.</summary>
    public long PullFailed(Pod pod)
    {
        var t = engine.Timings;
        pod.ImageBackoffMs = pod.ImageBackoffMs == 0 ? t.ImagePullInitialBackoffMs : Math.Min(pod.ImageBackoffMs * 2, t.ImagePullMaxBackoffMs);
        pod.ImagePull = ImagePullState.ErrImagePull;
        var epoch = pod.Epoch;
        if (pod.ImageBackoffMs > t.PodSyncRetryMs)
        {
            engine.After(t.PodSyncRetryMs, () =>
            {
                if (pod.Epoch == epoch && pod.HostedBy == kubelet && pod.ImagePull == ImagePullState.ErrImagePull)
                {
                    pod.ImagePull = ImagePullState.ImagePullBackOff;
                    kubelet.Status.Report(pod);
                }
            });
        }
        return pod.ImageBackoffMs;
    }

    /// <summary>The image is there: the back-off is forgotten.</summary>
    public void Pulled(Pod pod)
    {
        pod.ImageBackoffMs = 0;
        pod.ImagePull = ImagePullState.None;
    }
}
