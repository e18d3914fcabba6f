using Practice.Simulation.Cluster;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Components;

/// <summary>
/// The API objects (what etcd stores, served by kube-apiserver) and the watch fan-out: every write
/// goes through here, updates the trace's API-side series, and notifies the watchers that care.
/// </summary>
/// <remarks>
/// Callers check <see cref="Writable"/> before writing; a component that cannot write keeps its own
/// state and retries when <see cref="OnControlPlaneChanged"/> tells it the API is back, as informers do.
/// </remarks>
internal sealed class Api
{
    private static readonly char[] NameAlphabet = "bcdfghjklmnpqrstvwxz2456789".ToCharArray();
    private readonly Engine engine;
    private int schedulerQueue;

    public Api(Engine engine) => this.engine = engine;

    public bool Available => engine.ControlPlane.Available;
    public bool Writable => engine.ControlPlane.Writable;

    /// <summary>One round trip, plus any latency a slow apiserver or etcd adds.</summary>
    public long Latency => engine.Timings.ApiLatencyMs + engine.ControlPlane.WriteDelayMs;

    public Pod NewPod(Workload workload, int ordinal)
    {
        string name;
        if (workload.Kind == WorkloadKind.StatefulSet)
        {
            name = $"{workload.Name}-{ordinal}";
        }
        else if (workload.Kind == WorkloadKind.StaticPod)
        {
            name = $"{workload.Name}-{workload.Spec.Node}";
        }
        else
        {
            Span<char> suffix = stackalloc char[5];
            for (var i = 0; i < suffix.Length; i++)
            {
                suffix[i] = NameAlphabet[engine.Random.Next(NameAlphabet.Length)];
            }
            name = workload.Kind == WorkloadKind.Deployment
                ? $"{workload.Name}-{TemplateHash(workload)}-{suffix}"
                : $"{workload.Name}-{suffix}";
        }
        workload.NextSerial++;
        return new Pod(engine.Cluster.NextPodId++, name, workload, ordinal);
    }

    /// <summary>The ReplicaSet's name suffix, which its pods' names carry too.</summary>
    internal static string TemplateHash(Workload workload)
    {
        // A stable pod-template-hash lookalike: FNV-1a of the name, in the alphabet Kubernetes uses.
        var h = 2166136261u;
        foreach (var c in workload.Name)
        {
            h = (h ^ c) * 16777619u;
        }
        Span<char> s = stackalloc char[9];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = NameAlphabet[h % (uint)NameAlphabet.Length];
            h = h / (uint)NameAlphabet.Length + (uint)i * 2654435761u;
        }
        return new string(s);
    }

    /// <summary>Creates the pod object; unbound pods join the scheduling queue.</summary>
    public void CreatePod(Pod pod, ClusterNode? boundTo, string component, string kind)
    {
        var w = pod.Workload;
        pod.InApi = true;
        pod.Terminating = false;
        pod.Ready = false;
        pod.Status = PodPhase.Pending;
        pod.CreatedAtMs = engine.Now;
        pod.IndexInWorkload = w.ApiPods.Count;
        w.ApiPods.Add(pod);
        w.Active++;
        if (engine.Logs(kind, w.Name))
        {
            engine.Recorder.Event(component, kind, w.Name, boundTo is null ? $"created pod {pod.Name}" : $"created pod {pod.Name} on {boundTo.Name}");
        }
        if (boundTo is null)
        {
            pod.InSchedulerQueue = true;
            SetQueue(+1);
            engine.Recorder.PodView(pod);
            engine.Scheduler.Enqueue(pod);
        }
        else
        {
            AttachToNode(pod, boundTo);
            engine.Recorder.PodView(pod);
        }
    }

    public void Bind(Pod pod, ClusterNode node)
    {
        pod.InSchedulerQueue = false;
        SetQueue(-1);
        AttachToNode(pod, node);
        engine.Recorder.PodView(pod);
        if (engine.Logs(TraceEventKinds.PodScheduled, pod.Workload.Name))
        {
            engine.Recorder.Event("kube-scheduler", TraceEventKinds.PodScheduled, pod.Workload.Name, $"bound {pod.Name} to {node.Name}");
        }
        node.Kubelet.OnPodBound(pod);
    }

    private void AttachToNode(Pod pod, ClusterNode node)
    {
        pod.Node = node;
        pod.IndexInNode = node.ApiPods.Count;
        node.ApiPods.Add(pod);
        node.RequestedCpu += pod.Workload.Spec.CpuMillis;
        node.RequestedMemory += pod.Workload.Spec.MemoryBytes;
        node.PodsOfWorkload[pod.Workload.Index]++;
    }

    private void SetQueue(int delta)
    {
        schedulerQueue += delta;
        engine.Recorder.SetGlobal(TraceRecorder.SchedulerQueue, schedulerQueue);
    }

    /// <summary>A status write (kubelet) or a Ready=false write (node lifecycle controller).</summary>
    public void SetPodStatus(Pod pod, PodPhase status, bool ready)
    {
        if (!pod.InApi)
        {
            return;
        }
        var wasReady = pod.Ready;
        pod.Status = status;
        pod.Ready = ready;
        engine.Recorder.PodView(pod);
        if (wasReady != ready)
        {
            if (ready && engine.Logs(TraceEventKinds.PodReady, pod.Workload.Name))
            {
                engine.Recorder.Event("kubelet", TraceEventKinds.PodReady, pod.Workload.Name, $"{pod.Name} on {pod.Node?.Name} reports Ready");
            }
            engine.ControllerManager.Endpoints.MarkDirty(pod);
            if (pod.Workload.Kind == WorkloadKind.StatefulSet)
            {
                engine.ControllerManager.MarkWorkload(pod.Workload);
            }
        }
    }

    /// <summary>Sets deletionTimestamp; the kubelet then stops the containers and confirms with <see cref="RemovePod"/>.</summary>
    public void MarkTerminating(Pod pod, string component, string kind, string reason)
    {
        if (!pod.InApi || pod.Terminating)
        {
            return;
        }
        pod.Terminating = true;
        pod.Workload.Active--;
        if (engine.Logs(kind, pod.Workload.Name))
        {
            engine.Recorder.Event(component, kind, pod.Workload.Name, $"{pod.Name}: {reason}");
        }
        engine.Recorder.PodView(pod);
        engine.ControllerManager.Endpoints.MarkDirty(pod);
        engine.ControllerManager.MarkWorkload(pod.Workload);
        if (pod.Node is null)
        {
            RemovePod(pod, component, "never scheduled, so deleted at once");
        }
        else
        {
            pod.Node.Kubelet.OnPodDeleting(pod);
        }
    }

    /// <summary>The object is gone from etcd (kubelet confirmed, or force-deleted by pod GC).</summary>
    public void RemovePod(Pod pod, string component, string reason)
    {
        if (!pod.InApi)
        {
            return;
        }
        var w = pod.Workload;
        if (!pod.Terminating)
        {
            w.Active--;
        }
        if (pod.InSchedulerQueue)
        {
            pod.InSchedulerQueue = false;
            SetQueue(-1);
        }
        pod.InApi = false;
        RemoveAt(w.ApiPods, pod.IndexInWorkload, (p, i) => p.IndexInWorkload = i);
        pod.IndexInWorkload = -1;
        if (pod.Node is { } node)
        {
            RemoveAt(node.ApiPods, pod.IndexInNode, (p, i) => p.IndexInNode = i);
            pod.IndexInNode = -1;
            node.RequestedCpu -= w.Spec.CpuMillis;
            node.RequestedMemory -= w.Spec.MemoryBytes;
            node.PodsOfWorkload[w.Index]--;
            engine.Scheduler.OnClusterChanged();
        }
        if (w.Kind == WorkloadKind.StatefulSet && pod.Ordinal < w.Ordinals.Count && ReferenceEquals(w.Ordinals[pod.Ordinal], pod))
        {
            w.Ordinals[pod.Ordinal] = null;
        }
        if (engine.Logs(TraceEventKinds.PodDeleted, w.Name))
        {
            engine.Recorder.Event(component, TraceEventKinds.PodDeleted, w.Name, $"{pod.Name} removed from the API: {reason}");
        }
        engine.Recorder.PodView(pod);
        engine.ControllerManager.Endpoints.MarkDirty(pod);
        engine.ControllerManager.MarkWorkload(w);
    }

    private static void RemoveAt(List<Pod> list, int index, Action<Pod, int> setIndex)
    {
        // Swap-remove keeps removal O(1); the resulting order is still a pure function of the run, so traces stay reproducible.
        var last = list.Count - 1;
        if (index != last)
        {
            var moved = list[last];
            list[index] = moved;
            setIndex(moved, index);
        }
        list.RemoveAt(last);
    }

    public void RegisterNode(ClusterNode node)
    {
        node.InApi = true;
        node.DeletedAtMs = -1;
        node.Ready = NodeCondition.True;
        node.LeaseRenewedAtMs = engine.Now;
        engine.Cluster.ApiNodes.Add(node);
        engine.Recorder.NodeReady(node);
        engine.Recorder.NodeSchedulable(node);
        engine.Scheduler.OnClusterChanged();
        engine.ControllerManager.OnNodeAdded(node);
        engine.Traffic.MarkAllDirty();
    }

    public void DeleteNode(ClusterNode node, string component, string reason)
    {
        if (!node.InApi)
        {
            return;
        }
        node.InApi = false;
        node.DeletedAtMs = engine.Now;
        engine.Cluster.ApiNodes.Remove(node);
        engine.Log(component, TraceEventKinds.NodeDeleted, node.Name, reason);
        engine.Recorder.NodeReady(node);
        engine.Recorder.NodeSchedulable(node);
        engine.Traffic.MarkAllDirty();
    }

    public void SetNodeReady(ClusterNode node, NodeCondition condition)
    {
        if (!node.InApi || node.Ready == condition)
        {
            return;
        }
        node.Ready = condition;
        engine.Recorder.NodeReady(node);
    }

    public void SetUnschedulable(ClusterNode node, bool unschedulable)
    {
        node.Unschedulable = unschedulable;
        engine.Recorder.NodeSchedulable(node);
        engine.Traffic.MarkAllDirty();
        if (!unschedulable)
        {
            engine.Scheduler.OnClusterChanged();
        }
    }

    /// <summary>Tells the watchers that the API came back (or became writable): they relist and retry.</summary>
    public void OnControlPlaneChanged(bool becameAvailable, bool becameWritable)
    {
        foreach (var node in engine.Cluster.Nodes)
        {
            node.Kubelet.RefreshConnectivity();
        }
        if (becameAvailable || becameWritable)
        {
            engine.After(engine.Timings.ClientReconnectMs, () =>
            {
                engine.ControllerManager.Resync();
                engine.Scheduler.OnClusterChanged();
                engine.Actions.RetryPending();
            });
        }
    }
}
