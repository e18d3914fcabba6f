using Practice.Simulation.Cluster;
using Practice.Simulation.Model;

namespace Practice.Simulation.Components;

/// <summary>
/// The kubelet of one node: its process and its connection to the API. The work is done by parts
/// named as in the real kubelet: <see cref="NodeLease"/> (lease and node status),
/// <see cref="PodWorkers"/> (admit, start, restart, stop), <see cref="ImageManager"/> and
/// <see cref="VolumeManager"/> (pulls and mounts, with their back-offs), <see cref="ProbeManager"/>
/// (readiness probes) and <see cref="StatusManager"/> (pod statuses to the API).
/// </summary>
/// <remarks>
/// While it cannot reach the API the kubelet keeps running and restarting what it already has; pod
/// statuses are marked dirty and posted on reconnect, when it relists the pods bound to its node.
/// </remarks>
internal sealed class Kubelet
{
    private readonly Engine engine;
    private readonly ClusterNode node;
    private readonly List<Pod> staticPods = [];
    private bool connected;
    private bool reconnectScheduled;

    public Kubelet(Engine engine, ClusterNode node)
    {
        this.engine = engine;
        this.node = node;
        Lease = new NodeLease(this, engine, node);
        Workers = new PodWorkers(this, engine, node);
        Status = new StatusManager(this, engine, node);
        Images = new ImageManager(this, engine, node);
        Volumes = new VolumeManager(engine, node);
        Probes = new ProbeManager(this, engine, node);
    }

    public NodeLease Lease { get; }
    public PodWorkers Workers { get; }
    public StatusManager Status { get; }
    public ImageManager Images { get; }
    public VolumeManager Volumes { get; }
    public ProbeManager Probes { get; }

    /// <summary>The pods this kubelet runs (admitted, not yet stopped).</summary>
    public List<Pod> Pods { get; } = [];

    /// <summary>Generation of the running process: loops of a stopped process see a newer one and end.</summary>
    public int Epoch { get; private set; }

    public bool ProcessUp => node.Powered && !node.Booting && node.Works(Component.Kubelet);
    public bool CanReach => ProcessUp && !node.CutFromControlPlane && engine.Api.Available;
    public bool CanWrite => CanReach && engine.Api.Writable;
    public bool Connected => connected;
    public bool RuntimeUp => node.Works(Component.ContainerRuntime);

    public void AddStaticPod(Pod pod) => staticPods.Add(pod);

    /// <summary>The kubelet process starts (boot, recovery, restart): lease loop, static pods, then a relist once connected.</summary>
    public void Start(long firstRenewInMs)
    {
        if (!ProcessUp)
        {
            return;
        }
        Lease.Start(++Epoch, firstRenewInMs);
        foreach (var pod in staticPods)
        {
            Workers.Admit(pod);
        }
        Workers.SyncLocal(resetBackoff: true);
        foreach (var pod in Pods)
        {
            Probes.Resume(pod);
        }
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
        Epoch++;
        connected = false;
    }

    /// <summary>The machine lost power: every container is gone and the kubelet forgets its pods.</summary>
    public void PowerLost()
    {
        Stop();
        foreach (var pod in Pods)
        {
            Workers.Release(pod, ContainerState.None);
            pod.BlockedOnNode = false;
        }
        Pods.Clear();
    }

    /// <summary>Something that blocked starts came back (runtime, CNI plugin, CSI, registry, disk).</summary>
    public void SyncLocal(bool resetBackoff) => Workers.SyncLocal(resetBackoff);

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
        engine.After(engine.Timings.ClientReconnectMs, () =>
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
                Workers.Admit(pod);
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
                Workers.Kill(pod);
            }
        });
    }

    /// <summary>Watch re-established: register if needed, pick up new pods, stop deleted ones, post every status.</summary>
    private void Relist()
    {
        if (CanWrite)
        {
            Lease.Renew();
        }
        foreach (var pod in node.ApiPods.ToArray())
        {
            if (pod.Terminating)
            {
                Workers.Kill(pod);
            }
            else if (pod.HostedBy != this && !pod.IsStatic)
            {
                Workers.Admit(pod);
            }
        }
        foreach (var pod in Pods.ToArray())
        {
            if (!pod.IsStatic && !pod.InApi)
            {
                Workers.Kill(pod);
            }
        }
        Status.Flush();
    }
}
