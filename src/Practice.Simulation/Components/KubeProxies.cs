using Practice.Simulation.Cluster;
using Practice.Simulation.Model;

namespace Practice.Simulation.Components;

/// <summary>
/// Every node's kube-proxy. The rules in a node's kernel stay when its kube-proxy dies or loses its
/// watch; they change only when a running, connected kube-proxy syncs.
/// </summary>
/// <remarks>
/// To stay cheap at 5,000 nodes, all kube-proxies that follow their watch share one programmed set
/// per Service (synced at most once per minSyncPeriod after an EndpointSlice change). A kube-proxy that
/// stops following (down, node partitioned from the control plane) is pointed at a frozen snapshot of
/// the shared sets taken at that moment; snapshots are shared by every proxy frozen between the same two
/// changes. On recovery (or restart) it resyncs from the API: a round trip, then the time to
/// rewrite every rule, which grows with the endpoints.
/// While the apiserver itself is down no EndpointSlice can change, so nothing needs freezing then.
/// The 30 s periodic resync changes nothing in this model (rules never drift on their own) and is not
/// simulated as events.
/// </remarks>
internal sealed class KubeProxies
{
    private readonly Engine engine;
    private readonly List<Pod[][]> snapshots = [];
    private bool sharedChanged = true;
    private bool syncScheduled;
    private long lastSync = long.MinValue / 2;

    public KubeProxies(Engine engine) => this.engine = engine;

    public IReadOnlyList<Pod[][]> Snapshots => snapshots;

    public void OnSliceChanged(Service service, Pod pod, bool add)
    {
        service.PendingRules.Add((pod, add));
        if (syncScheduled)
        {
            return;
        }
        syncScheduled = true;
        engine.At(Math.Max(engine.Now + engine.Api.Latency, lastSync + engine.Timings.ProxyMinSyncPeriodMs), Sync);
    }

    private void Sync()
    {
        syncScheduled = false;
        lastSync = engine.Now;
        foreach (var service in engine.Cluster.Services)
        {
            if (service.PendingRules.Count == 0)
            {
                continue;
            }
            foreach (var (pod, add) in service.PendingRules)
            {
                if (add)
                {
                    service.Programmed.Add(pod);
                }
                else
                {
                    service.Programmed.Remove(pod);
                }
            }
            service.PendingRules.Clear();
            sharedChanged = true;
            engine.Recorder.SharedRules(service);
            engine.Traffic.MarkDirty(service);
        }
    }

    private static bool Follows(ClusterNode node) =>
        node.Powered && !node.Booting && node.Works(Component.KubeProxy) && !node.CutFromControlPlane;

    /// <summary>Moves a node's proxy between in-sync, frozen and no-rules as its situation changes.</summary>
    public void RefreshNode(ClusterNode node)
    {
        if (!node.Powered || node.Booting)
        {
            SetMode(node, (int)SeriesKeys.ProxyNoRules);
            return;
        }
        if (Follows(node))
        {
            if (node.ProxyMode != (int)SeriesKeys.ProxyInSync)
            {
                ScheduleResync(node);
            }
            return;
        }
        if (node.ProxyMode == (int)SeriesKeys.ProxyInSync)
        {
            SetMode(node, Freeze());
        }
    }

    /// <summary>A restart of a working kube-proxy: it lists the EndpointSlices again and reprograms its rules.</summary>
    public void Restart(ClusterNode node)
    {
        if (Follows(node))
        {
            if (node.ProxyMode == (int)SeriesKeys.ProxyInSync)
            {
                return;
            }
            ScheduleResync(node);
        }
    }

    /// <summary>
    /// A kube-proxy that comes back lists every Service and EndpointSlice and rewrites all its
    /// rules at once (a full iptables-restore), so the resync grows with the endpoints it programs:
    /// one API round trip plus <see cref="TimingProfile.ProxyFullSyncPerThousandEndpointsMs"/> per
    /// thousand endpoints (a model figure).
    /// </summary>
    private void ScheduleResync(ClusterNode node)
    {
        long endpoints = 0;
        foreach (var service in engine.Cluster.Services)
        {
            endpoints += service.Slice.Count;
        }
        var rewrite = endpoints * engine.Timings.ProxyFullSyncPerThousandEndpointsMs / 1000;
        engine.After(engine.Api.Latency + node.Delay(Component.KubeProxy) + rewrite, () =>
        {
            if (Follows(node) && node.ProxyMode != (int)SeriesKeys.ProxyInSync)
            {
                SetMode(node, (int)SeriesKeys.ProxyInSync);
                engine.Log("kube-proxy", TraceEventKinds.RulesSynced, node.Name, $"kube-proxy on {node.Name} listed the EndpointSlices and reprogrammed its rules");
            }
        });
    }

    private void SetMode(ClusterNode node, int mode)
    {
        if (node.ProxyMode == mode)
        {
            return;
        }
        node.ProxyMode = mode;
        engine.Recorder.ProxyMode(node);
        engine.Traffic.MarkAllDirty();
    }

    private int Freeze()
    {
        if (!sharedChanged && snapshots.Count > 0)
        {
            return snapshots.Count - 1;
        }
        var services = engine.Cluster.Services;
        var snapshot = new Pod[services.Count][];
        for (var i = 0; i < services.Count; i++)
        {
            snapshot[i] = [.. services[i].Programmed];
        }
        snapshots.Add(snapshot);
        sharedChanged = false;
        return snapshots.Count - 1;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, int>> SnapshotCounts()
    {
        var services = engine.Cluster.Services;
        var result = new List<IReadOnlyDictionary<string, int>>();
        foreach (var snapshot in snapshots)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < services.Count; i++)
            {
                counts[services[i].Name] = snapshot[i].Length;
            }
            result.Add(counts);
        }
        return result;
    }
}
