using Practice.Simulation.Cluster;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet's node lease and node status (pkg/kubelet/nodelease, kubelet_node_status.go): it
/// registers the Node, renews its Lease every 10 s, and reports Ready=False while the container
/// runtime is down. One timer per node, never one per pod. While the API does not take writes, or a
/// call would take longer than the lease client's timeout (min(10 s, lease duration)), the renewal
/// is retried with a back-off from 200 ms to 7 s.
/// </summary>
internal sealed class NodeLease(Kubelet kubelet, Engine engine, ClusterNode node)
{
    private long backoff;

    private TimingProfile T => engine.Timings;

    /// <summary>A new lease loop for the process generation <paramref name="epoch"/>.</summary>
    public void Start(int epoch, long firstRenewInMs)
    {
        backoff = 0;
        engine.After(firstRenewInMs, () => Tick(epoch));
    }

    private void Tick(int epoch)
    {
        if (epoch != kubelet.Epoch || !kubelet.ProcessUp)
        {
            return;
        }
        var delay = node.Delay(Component.Kubelet) + engine.ControlPlane.WriteDelayMs;
        // pkg/kubelet/kubelet.go: the lease client's calls time out after min(10 s, lease duration).
        var timeout = Math.Min(10_000, T.NodeLeaseDurationMs);
        if (kubelet.CanWrite && delay >= timeout)
        {
            // The call is abandoned at the timeout and retried on the back-off, like any failure.
            backoff = backoff == 0 ? T.LeaseRetryInitialMs : Math.Min(backoff * 2, T.LeaseRetryMaxMs);
            engine.After(timeout + backoff, () => Tick(epoch));
            return;
        }
        if (kubelet.CanWrite)
        {
            backoff = 0;
            if (delay == 0)
            {
                Renew();
            }
            else
            {
                engine.After(delay, () =>
                {
                    if (epoch == kubelet.Epoch)
                    {
                        Renew();
                    }
                });
            }
            engine.After(T.NodeLeaseRenewIntervalMs, () => Tick(epoch));
        }
        else
        {
            backoff = backoff == 0 ? T.LeaseRetryInitialMs : Math.Min(backoff * 2, T.LeaseRetryMaxMs);
            engine.After(backoff, () => Tick(epoch));
        }
    }

    /// <summary>Renews the lease now (and registers the Node first if the API has none).</summary>
    public void Renew()
    {
        if (!kubelet.CanWrite)
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
        if (node.PodStatusesOverridden && kubelet.RuntimeUp && kubelet.Connected)
        {
            // The status manager's periodic sync notices the API disagrees with what it sees and re-posts.
            node.PodStatusesOverridden = false;
            kubelet.Status.Flush();
        }
    }

    /// <summary>Node status: Ready=False while the container runtime is down.</summary>
    private void PostNodeStatus()
    {
        var ready = kubelet.RuntimeUp ? NodeCondition.True : NodeCondition.False;
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
}
