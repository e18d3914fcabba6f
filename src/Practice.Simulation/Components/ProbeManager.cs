using Practice.Simulation.Cluster;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet's prober (pkg/kubelet/prober): a readiness probe per container that declares one,
/// run every period from the container's start. A container starts unready (the readiness
/// worker's initial result is Failure), is Ready after one success, and unready again after
/// <c>failureThreshold</c> failures in a row (defaults: every 10 s, 3 failures, 1 success). An
/// unready pod leaves its Service's EndpointSlices, so traffic stops reaching it while it stays
/// Running. http and tcp probes go from the kubelet over the pod network, so a broken CNI
/// dataplane on the node fails them; an exec probe runs inside the container and does not.
/// </summary>
/// <remarks>A timer per probed pod while its container runs: workloads without a probe cost nothing.</remarks>
internal sealed class ProbeManager(Kubelet kubelet, Engine engine, ClusterNode node)
{
    /// <summary>The container just started: unready until its first probe, which runs at once.</summary>
    public void ContainerStarted(Pod pod)
    {
        pod.ProbeFailures = 0;
        pod.ProbeReady = pod.Workload.Spec.Readiness is null;
        Resume(pod);
    }

    /// <summary>(Re)starts the probe loop of a running container, e.g. after the kubelet restarted; the result so far stands.</summary>
    public void Resume(Pod pod)
    {
        if (pod.Workload.Spec.Readiness is null || pod.Container != ContainerState.Running)
        {
            return;
        }
        var generation = ++pod.ProbeGeneration;
        Probe(pod, generation);
    }

    private void Probe(Pod pod, int generation)
    {
        if (pod.ProbeGeneration != generation || pod.HostedBy != kubelet || pod.Container != ContainerState.Running || !kubelet.ProcessUp)
        {
            return;
        }
        var spec = pod.Workload.Spec.Readiness!;
        if (!spec.OverNetwork || node.DataplaneUp)
        {
            pod.ProbeFailures = 0;
            if (!pod.ProbeReady)
            {
                pod.ProbeReady = true;
                kubelet.Status.Report(pod);
            }
        }
        else
        {
            pod.ProbeFailures++;
            if (pod.ProbeReady && pod.ProbeFailures >= spec.FailureThreshold)
            {
                pod.ProbeReady = false;
                if (engine.Logs(TraceEventKinds.PodNotReady, pod.Workload.Name))
                {
                    engine.Recorder.Event("kubelet", TraceEventKinds.PodNotReady, pod.Workload.Name,
                        $"{pod.Name} on {node.Name}: readiness probe failed {spec.FailureThreshold} times in a row (the pod network does not answer): Ready=False");
                }
                kubelet.Status.Report(pod);
            }
        }
        engine.After(spec.PeriodMs, () => Probe(pod, generation));
    }
}
