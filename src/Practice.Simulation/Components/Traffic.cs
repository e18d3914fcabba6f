using Practice.Simulation.Cluster;

namespace Practice.Simulation.Components;

/// <summary>
/// Synthetic clients sending requests to Services, computed per second from aggregates.
/// </summary>
/// <remarks>
/// Clients behave like a client Deployment spread one per node: every node that exists, is powered and
/// is not drained (a cordoned node keeps its client) sends <c>traffic / clients</c> requests per second. A client's kube-proxy picks
/// uniformly among the endpoints programmed on its node, so its success share is exactly
/// (programmed endpoints whose pod really serves and is reachable) / (programmed endpoints); reachable
/// means both nodes' CNI dataplanes are up and no partition separates them. No request is drawn at
/// random. The share is re-evaluated at each whole second when something it depends on changed, and
/// holds for that second: per-second buckets, stored as milli-requests so windows are exact.
/// </remarks>
internal sealed class Traffic
{
    private readonly Engine engine;
    private readonly Dictionary<int, (long Total, long Good)> snapshotStats = [];
    private bool scheduled;

    public Traffic(Engine engine) => this.engine = engine;

    public void MarkDirty(Pod pod)
    {
        if (pod.Workload.Service is { } s)
        {
            MarkDirty(s);
        }
    }

    public void MarkDirty(Service service)
    {
        if (service.Traffic <= 0)
        {
            return;
        }
        service.TrafficDirty = true;
        Schedule();
    }

    public void MarkAllDirty()
    {
        foreach (var s in engine.Cluster.Services)
        {
            MarkDirty(s);
        }
    }

    private void Schedule()
    {
        if (scheduled)
        {
            return;
        }
        scheduled = true;
        var next = (engine.Now + 999) / 1000 * 1000;
        engine.At(next, Recompute);
    }

    private void Recompute()
    {
        scheduled = false;
        foreach (var s in engine.Cluster.Services)
        {
            if (s.TrafficDirty && s.Traffic > 0)
            {
                s.TrafficDirty = false;
                Compute(s);
            }
        }
    }

    /// <summary>Cordon only stops scheduling (kubectl cordon docs): a cordoned node's client keeps sending. Drain evicts it elsewhere.</summary>
    private static bool IsClient(ClusterNode n) => n.InApi && n.Powered && !n.Booting && !n.VmGone && !n.Drained;

    private void Compute(Service service)
    {
        if (!service.Workload.ObjectCreated)
        {
            // Applied later: no client sends to a Service that does not exist yet.
            engine.Recorder.Traffic(service, 0, 0);
            return;
        }
        var nodes = engine.Cluster.Nodes;
        var clients = 0;
        foreach (var n in nodes)
        {
            if (IsClient(n))
            {
                clients++;
            }
        }
        if (clients == 0)
        {
            engine.Recorder.Traffic(service, 0, 0);
            return;
        }
        var anyCut = false;
        foreach (var n in nodes)
        {
            anyCut |= n.CutFromSomeNodes;
        }
        snapshotStats.Clear();
        var (sharedTotal, sharedGood) = Count(service.Programmed);
        double share = 0;
        foreach (var c in nodes)
        {
            if (!IsClient(c) || !c.DataplaneUp)
            {
                continue;
            }
            long total, good;
            if (c.ProxyMode == (int)SeriesKeys.ProxyInSync)
            {
                (total, good) = (sharedTotal, sharedGood);
                if (anyCut && total > 0)
                {
                    good = Reachable(service.Programmed, c);
                }
            }
            else if (c.ProxyMode >= 0)
            {
                var endpoints = engine.Proxies.Snapshots[c.ProxyMode][service.Index];
                if (!snapshotStats.TryGetValue(c.ProxyMode, out var stats))
                {
                    stats = Count(endpoints);
                    snapshotStats[c.ProxyMode] = stats;
                }
                (total, good) = stats;
                if (anyCut && total > 0)
                {
                    good = Reachable(endpoints, c);
                }
            }
            else
            {
                continue;
            }
            if (total > 0)
            {
                share += (double)good / total;
            }
        }
        var sent = service.Traffic * 1000L;
        var ok = (long)Math.Round(sent * share / clients, MidpointRounding.AwayFromZero);
        engine.Recorder.Traffic(service, sent, ok);
    }

    /// <summary>Total endpoints, and how many really serve on a node whose dataplane is up.</summary>
    private (long Total, long Good) Count(IEnumerable<Pod> endpoints)
    {
        long total = 0, good = 0;
        foreach (var p in endpoints)
        {
            total++;
            if (p.Serving && p.HostedBy is not null && p.Node is { DataplaneUp: true })
            {
                good++;
            }
        }
        return (total, good);
    }

    private long Reachable(IEnumerable<Pod> endpoints, ClusterNode client)
    {
        long good = 0;
        foreach (var p in endpoints)
        {
            if (p.Serving && p.HostedBy is not null && p.Node is { DataplaneUp: true } n && engine.Cluster.Connected(client, n))
            {
                good++;
            }
        }
        return good;
    }
}
