using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Practice.Simulation;

namespace Practice.ClusterApi;

/// <summary>One Event object as the API holds it: what happened to which object, when, and who said so.</summary>
public sealed record KubeEvent(string Name, string Namespace, string Type, string Reason, string Message, string ObjectKind, string ObjectName,
    string? ObjectNamespace, string ObjectUid, string ObjectApiVersion, string Source, string? Host, long AtMs);

/// <summary>
/// The run's trace events as the Event objects Kubernetes components post: the scheduler's
/// <c>Scheduled</c>, the kubelet's <c>Started</c>, <c>Killing</c> and <c>BackOff</c>, the
/// ReplicaSet controller's <c>SuccessfulCreate</c>, the node lifecycle controller's
/// <c>NodeNotReady</c>, leader elections. Only those posted while the API accepted writes exist:
/// an event a component could not post during an outage is lost, as client-go's broadcaster drops it.
/// The simulation's own narration (faults, operator actions, etcd, the apiserver) is not an Event.
/// </summary>
public static partial class KubeEvents
{
    public static IReadOnlyList<KubeEvent> Of(ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var events = new List<KubeEvent>();
        foreach (var e in view.Trace.Events)
        {
            if (e.AtMs > view.AtMs || !view.Trace.ApiWritable(e.AtMs) || Map(view, e) is not { } mapped)
            {
                continue;
            }
            events.Add(mapped with { Name = $"{mapped.ObjectName}.{(e.AtMs + 1) * 1_000_000 + events.Count:x}" });
        }
        return events;
    }

    private static KubeEvent? Map(ClusterView view, TraceEvent e)
    {
        var pod = PodName(e);
        KubeEvent PodEvent(string type, string reason, string message, string source, string? host) =>
            new("", KubeObjects.Namespace, type, reason, message, "Pod", pod!, KubeObjects.Namespace, PodUid(view, pod!), "v1", source, host, e.AtMs);
        var podNode = pod is null ? null : view.Pods.FirstOrDefault(p => p.Name == pod)?.Node ?? NodeIn(view, e.Reason);
        switch (e.Kind)
        {
            case TraceEventKinds.PodScheduled when pod is not null:
                return PodEvent("Normal", "Scheduled", $"Successfully assigned {KubeObjects.Namespace}/{pod} to {podNode}", "default-scheduler", null);
            case TraceEventKinds.FailedScheduling when pod is not null:
                return PodEvent("Warning", "FailedScheduling", e.Reason, "default-scheduler", null);
            case TraceEventKinds.ContainerStarted or TraceEventKinds.ContainerRestarted when pod is not null:
                return PodEvent("Normal", "Started", $"Started container {e.Subject}", "kubelet", podNode);
            case TraceEventKinds.ContainerCrashed when pod is not null:
                return PodEvent("Warning", "BackOff", $"Back-off restarting failed container {e.Subject} in pod {pod}_{KubeObjects.Namespace}", "kubelet", podNode);
            case TraceEventKinds.ContainerKilled when pod is not null:
                return PodEvent("Normal", "Killing", $"Stopping container {e.Subject}", "kubelet", podNode);
            case TraceEventKinds.PodEvicted when pod is not null:
                return PodEvent("Normal", "TaintManagerEviction", $"Marking for deletion Pod {KubeObjects.Namespace}/{pod}", "taint-eviction-controller", null);
            case TraceEventKinds.PodCreated when pod is not null:
                return new("", KubeObjects.Namespace, "Normal", "SuccessfulCreate", $"Created pod: {pod}", "ReplicaSet", e.Subject, KubeObjects.Namespace,
                    KubeObjects.Uid("replicaset", Index(view, e.Subject)), "apps/v1", "replicaset-controller", null, e.AtMs);
            case TraceEventKinds.NodeNotReady or TraceEventKinds.NodeReady when view.Nodes.FirstOrDefault(n => n.Name == e.Subject) is { } node:
                var status = e.Kind == TraceEventKinds.NodeReady ? "NodeReady" : "NodeNotReady";
                return new("", KubeObjects.Namespace, "Normal", status, $"Node {node.Name} status is now: {status}", "Node", node.Name, null,
                    KubeObjects.Uid("node", node.Index), "v1", e.Kind == TraceEventKinds.NodeReady ? "kubelet" : "node-controller", null, e.AtMs);
            case TraceEventKinds.LeaderElected when view.Leases.FirstOrDefault(l => l.Namespace == "kube-system" && l.Name == e.Subject) is { } lease:
                return new("", "kube-system", "Normal", "LeaderElection", $"{Holder(e.Reason) ?? e.Subject} became leader", "Lease", lease.Name, "kube-system",
                    KubeObjects.Uid("lease", view.Leases.ToList().IndexOf(lease)), "coordination.k8s.io/v1", e.Subject, null, e.AtMs);
            default:
                return null;
        }
    }

    /// <summary>The pod a trace event is about: a name of the event's workload, written in its reason.</summary>
    private static string? PodName(TraceEvent e)
    {
        var match = Regex.Match(e.Reason, $@"(?<![a-z0-9-]){Regex.Escape(e.Subject)}-[a-z0-9]+(?:-[a-z0-9]+)?(?![a-z0-9-])");
        return match.Success ? match.Value : null;
    }

    private static string? NodeIn(ClusterView view, string text) =>
        view.Nodes.Select(n => n.Name).Where(n => Regex.IsMatch(text, $@"(?<![a-z0-9-]){Regex.Escape(n)}(?![a-z0-9-])")).FirstOrDefault();

    private static string? Holder(string reason) => HolderPattern().Match(reason) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"^[a-z0-9-]+-\d+")]
    private static partial Regex HolderPattern();

    private static string PodUid(ClusterView view, string pod) =>
        view.Pods.FirstOrDefault(p => p.Name == pod) is { } known ? KubeObjects.Uid("pod", known.Id) : KubeObjects.Uid("pod", 0x8000 | (int)(Fnv(pod) & 0x7fff));

    /// <summary>FNV-1a: a hash that is the same in every process, for objects the view no longer holds.</summary>
    private static uint Fnv(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = unchecked((h ^ c) * 16777619u);
        }
        return h;
    }

    private static int Index(ClusterView view, string workload) => view.Workloads.FirstOrDefault(w => w.Name == workload)?.Index ?? -1;

    public static string[] Cells(ClusterView view, KubeEvent e)
    {
        var age = KubeTime.Human(view.AtMs - e.AtMs);
        return [age, e.Type, e.Reason, $"{e.ObjectKind.ToLowerInvariant()}/{e.ObjectName}", "", e.Host is null ? e.Source : $"{e.Source}, {e.Host}", e.Message, age, "1", e.Name];
    }

    public static JsonObject Object(KubeEvent e)
    {
        var involved = new JsonObject { ["kind"] = e.ObjectKind };
        if (e.ObjectNamespace is not null)
        {
            involved["namespace"] = e.ObjectNamespace;
        }
        involved["name"] = e.ObjectName;
        involved["uid"] = e.ObjectUid;
        involved["apiVersion"] = e.ObjectApiVersion;
        var source = new JsonObject { ["component"] = e.Source };
        if (e.Host is not null)
        {
            source["host"] = e.Host;
        }
        return new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "v1",
            ["metadata"] = KubeObjects.Metadata(e.Name, e.Namespace, KubeObjects.Uid("event", (int)(e.AtMs % 0xffff)), e.AtMs, new Dictionary<string, string>()),
            ["involvedObject"] = involved,
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["source"] = source,
            ["firstTimestamp"] = KubeTime.Timestamp(e.AtMs),
            ["lastTimestamp"] = KubeTime.Timestamp(e.AtMs),
            ["count"] = 1,
            ["type"] = e.Type,
            ["reportingComponent"] = e.Source,
            ["reportingInstance"] = e.Host ?? "",
        };
    }

    public static Dictionary<string, string> Fields(KubeEvent e)
    {
        var fields = new Dictionary<string, string>
        {
            ["metadata.name"] = e.Name,
            ["metadata.namespace"] = e.Namespace,
            ["involvedObject.kind"] = e.ObjectKind,
            ["involvedObject.name"] = e.ObjectName,
            ["involvedObject.namespace"] = e.ObjectNamespace ?? "",
            ["involvedObject.uid"] = e.ObjectUid,
            ["involvedObject.apiVersion"] = e.ObjectApiVersion,
            ["reason"] = e.Reason,
            ["type"] = e.Type,
            ["source"] = e.Source,
        };
        return fields;
    }

}
