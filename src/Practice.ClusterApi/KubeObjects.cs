using System.Globalization;
using System.Text.Json.Nodes;
using Practice.Simulation;
using Practice.Simulation.Probes;

namespace Practice.ClusterApi;

/// <summary>
/// Nodes and pods of a <see cref="ClusterView"/> as the API serves them (core/v1 JSON), with the
/// cells of their Table rows as kube-apiserver's printers compute them.
/// </summary>
public static class KubeObjects
{
    public const string Namespace = "default";

    public static string NodeIp(NodeView node) => $"10.0.0.{node.Index + 11}";

    public static string PodIp(PodView pod, NodeView? node) =>
        node is null ? "" : $"10.244.{node.Index + 1}.{pod.Id % 250 + 2}";

    public static string KubeletVersion(ClusterView view) => $"v{view.KubernetesVersion}.0";

    public static IReadOnlyDictionary<string, string> NodeLabels(NodeView node)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = node.Name,
            ["kubernetes.io/os"] = "linux",
            ["topology.kubernetes.io/zone"] = node.Zone,
        };
        foreach (var (key, value) in node.Labels)
        {
            labels[key] = value;
        }
        return labels;
    }

    /// <summary>The template's <c>app</c> label and what the controller adds: a Deployment's pod-template-hash, a StatefulSet pod's own name.</summary>
    public static IReadOnlyDictionary<string, string> PodLabels(PodView pod)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app"] = pod.Workload };
        if (pod.WorkloadKind == "Deployment" && pod.Name.Length > pod.Workload.Length + 1)
        {
            labels["pod-template-hash"] = pod.Name[(pod.Workload.Length + 1)..].Split('-')[0];
        }
        else if (pod.WorkloadKind == "StatefulSet")
        {
            labels["statefulset.kubernetes.io/pod-name"] = pod.Name;
        }
        return labels;
    }

    /// <summary>The pod's controller: its ReplicaSet, StatefulSet or DaemonSet, or for a static pod its node.</summary>
    private static JsonArray? Owner(ClusterView view, PodView pod)
    {
        if (pod.WorkloadKind == "StaticPod")
        {
            var node = view.Nodes.FirstOrDefault(n => n.Name == pod.Node);
            return node is null ? null : KubeResources.Owner("Node", node.Name, Uid("node", node.Index));
        }
        var w = view.Workloads.FirstOrDefault(w => w.Name == pod.Workload);
        return w is null ? null : pod.WorkloadKind switch
        {
            "Deployment" => w.ReplicaSet is { } rs ? KubeResources.Owner("ReplicaSet", rs, Uid("replicaset", w.Index)) : null,
            "StatefulSet" => KubeResources.Owner("StatefulSet", w.Name, Uid("statefulset", w.Index)),
            _ => KubeResources.Owner("DaemonSet", w.Name, Uid("daemonset", w.Index)),
        };
    }

    // ------------------------------------------------------------------ nodes

    public static JsonObject Node(ClusterView view, NodeView node)
    {
        var heartbeat = KubeTime.Timestamp(node.LeaseRenewedAtMs);
        var ready = new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = node.Ready,
            ["lastHeartbeatTime"] = heartbeat,
            ["lastTransitionTime"] = heartbeat,
            ["reason"] = node.Ready switch { "True" => "KubeletReady", "False" => "KubeletNotReady", _ => "NodeStatusUnknown" },
            ["message"] = node.Ready switch
            {
                "True" => "kubelet is posting ready status",
                "False" => "container runtime network not ready",
                _ => "Kubelet stopped posting node status.",
            },
        };
        var spec = new JsonObject();
        if (node.Unschedulable)
        {
            spec["unschedulable"] = true;
        }
        if (node.Taints.Count > 0)
        {
            spec["taints"] = new JsonArray([.. node.Taints.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["effect"] = t.Effect })]);
        }
        var capacity = new JsonObject
        {
            ["cpu"] = (node.CpuMillis / 1000).ToString(CultureInfo.InvariantCulture),
            ["memory"] = $"{node.MemoryBytes / 1024}Ki",
            ["pods"] = node.MaxPods.ToString(CultureInfo.InvariantCulture),
        };
        return new JsonObject
        {
            ["kind"] = "Node",
            ["apiVersion"] = "v1",
            ["metadata"] = NodeMetadata(node),
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["capacity"] = capacity,
                ["allocatable"] = capacity.DeepClone(),
                ["conditions"] = new JsonArray(ready),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = NodeIp(node) },
                    new JsonObject { ["type"] = "Hostname", ["address"] = node.Name }),
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = KubeletVersion(view),
                    ["kubeProxyVersion"] = KubeletVersion(view),
                    ["osImage"] = NodeOsImage,
                    ["kernelVersion"] = NodeKernel,
                    ["containerRuntimeVersion"] = NodeRuntime,
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }

    public const string NodeOsImage = "Debian GNU/Linux 12 (bookworm)";
    public const string NodeKernel = "6.1.0-28-amd64";
    public const string NodeRuntime = "containerd://1.7.24";

    /// <summary>STATUS: <c>Ready</c> or <c>NotReady</c> (Ready condition False or Unknown), then <c>,SchedulingDisabled</c> when cordoned.</summary>
    public static string NodeStatus(NodeView node) =>
        (node.Ready == "True" ? "Ready" : "NotReady") + (node.Unschedulable ? ",SchedulingDisabled" : "");

    public static string[] NodeCells(ClusterView view, NodeView node) =>
    [
        node.Name, NodeStatus(node), "<none>", KubeTime.Human(view.AtMs), KubeletVersion(view),
        NodeIp(node), "<none>", NodeOsImage, NodeKernel, NodeRuntime,
    ];

    // ------------------------------------------------------------------ pods

    /// <summary>The waiting reason the container shows, if any (what STATUS prints before the phase).</summary>
    private static string? WaitingReason(PodView pod) => pod.Phase switch
    {
        PodPhase.ContainerCreating => "ContainerCreating",
        PodPhase.CrashLoopBackOff => "CrashLoopBackOff",
        PodPhase.ErrImagePull => "ErrImagePull",
        PodPhase.ImagePullBackOff => "ImagePullBackOff",
        _ => null,
    };

    /// <summary>The pod's <c>status.phase</c>.</summary>
    public static string Phase(PodView pod) => pod.Phase switch
    {
        PodPhase.Running or PodPhase.Ready or PodPhase.CrashLoopBackOff => "Running",
        PodPhase.Failed => "Failed",
        PodPhase.Unknown => "Unknown",
        _ => "Pending",
    };

    /// <summary>STATUS as kubectl shows it: Terminating once deleted, else the waiting reason, else the phase.</summary>
    public static string PodStatus(PodView pod) => pod.Terminating ? "Terminating" : WaitingReason(pod) ?? Phase(pod);

    /// <summary>RESTARTS: the count, and how long ago the last restart was when there was one (<c>3 (40s ago)</c>).</summary>
    public static string Restarts(ClusterView view, PodView pod) =>
        pod.Restarts > 0 && pod.LastStartedAtMs is { } last
            ? $"{pod.Restarts} ({KubeTime.Human(view.AtMs - last)} ago)"
            : pod.Restarts.ToString(CultureInfo.InvariantCulture);

    public static string[] PodCells(ClusterView view, PodView pod)
    {
        var node = view.Nodes.FirstOrDefault(n => n.Name == pod.Node);
        var ip = PodIp(pod, node);
        return
        [
            pod.Name, pod.Ready ? "1/1" : "0/1", PodStatus(pod), Restarts(view, pod), KubeTime.Human(view.AtMs - pod.CreatedAtMs),
            ip.Length == 0 ? "<none>" : ip, pod.Node ?? "<none>", "<none>", "<none>",
        ];
    }

    public static JsonObject Pod(ClusterView view, PodView pod)
    {
        var node = view.Nodes.FirstOrDefault(n => n.Name == pod.Node);
        var metadata = PodMetadata(view, pod);
        if (Owner(view, pod) is { } owner)
        {
            metadata["ownerReferences"] = owner;
        }
        JsonObject state = WaitingReason(pod) is { } waiting
            ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = waiting } }
            : pod.LastStartedAtMs is { } started && Phase(pod) == "Running"
                ? new JsonObject { ["running"] = new JsonObject { ["startedAt"] = KubeTime.Timestamp(started) } }
                : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "PodInitializing" } };
        var status = new JsonObject
        {
            ["phase"] = Phase(pod),
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "PodScheduled", ["status"] = pod.Node is null ? "False" : "True" },
                new JsonObject { ["type"] = "Ready", ["status"] = pod.Ready ? "True" : "False" }),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = pod.Workload,
                ["image"] = Image(pod),
                ["ready"] = pod.Ready,
                ["restartCount"] = pod.Restarts,
                ["started"] = pod.LastStartedAtMs is not null,
                ["state"] = state,
            }),
            ["startTime"] = KubeTime.Timestamp(pod.CreatedAtMs),
        };
        if (node is not null)
        {
            status["hostIP"] = NodeIp(node);
            status["podIP"] = PodIp(pod, node);
        }
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = pod.Workload, ["image"] = Image(pod) }),
            // What the DefaultTolerationSeconds admission plugin adds to every pod: 300 s on a not-ready or unreachable node.
            ["tolerations"] = new JsonArray(
                new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 },
                new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 }),
        };
        if (pod.Node is not null)
        {
            spec["nodeName"] = pod.Node;
        }
        return new JsonObject
        {
            ["kind"] = "Pod",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    private static string Image(PodView pod) => $"registry.example/{pod.Workload}:1.0";

    public static JsonObject NodeMetadata(NodeView node) => Metadata(node.Name, null, Uid("node", node.Index), 0, NodeLabels(node));

    /// <summary>A pod's metadata without its owner: all a Table row needs.</summary>
    public static JsonObject PodMetadata(ClusterView view, PodView pod)
    {
        var metadata = Metadata(pod.Name, Namespace, Uid("pod", pod.Id), pod.CreatedAtMs, PodLabels(pod));
        if (pod.Terminating)
        {
            metadata["deletionTimestamp"] = KubeTime.Timestamp(view.AtMs);
        }
        return metadata;
    }

    // ------------------------------------------------------------------ shared

    public static JsonObject Metadata(string name, string? ns, string uid, long createdAtMs, IReadOnlyDictionary<string, string> labels)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        metadata["uid"] = uid;
        metadata["resourceVersion"] = "1";
        metadata["creationTimestamp"] = KubeTime.Timestamp(createdAtMs);
        var labelObject = new JsonObject();
        foreach (var (key, value) in labels)
        {
            labelObject[key] = value;
        }
        metadata["labels"] = labelObject;
        return metadata;
    }

    /// <summary>A stable UUID-shaped id for an object of the run.</summary>
    public static string Uid(string kind, int id)
    {
        var prefix = kind switch { "node" => "0000", "pod" => "0001", "deployment" => "0002", "service" => "0003", "slice" => "0004", "lease" => "0005", "replicaset" => "0006", "event" => "0007", "daemonset" => "0008", "statefulset" => "0009", _ => "00ff" };
        return $"{prefix}{id:x4}-0000-4000-8000-{id:x12}";
    }
}
