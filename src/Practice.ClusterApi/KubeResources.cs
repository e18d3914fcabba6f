using System.Globalization;
using System.Text.Json.Nodes;
using Practice.Simulation;

namespace Practice.ClusterApi;

/// <summary>
/// Deployments, Services, EndpointSlices and Leases of a <see cref="ClusterView"/>: their objects
/// and the cells of their Table rows as kube-apiserver's printers compute them.
/// </summary>
public static class KubeResources
{
    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<PodView> Live(ClusterView view, string workload) =>
        view.Pods.Where(p => p.Workload == workload && !p.Terminating);

    // ------------------------------------------------------------------ deployments

    public static IEnumerable<WorkloadView> Deployments(ClusterView view) =>
        view.Workloads.Where(w => w.Kind == "Deployment" && w.Created).OrderBy(w => w.Name, StringComparer.Ordinal);

    /// <summary>READY is ready/desired; UP-TO-DATE and AVAILABLE count the pods (one template, no minReadySeconds).</summary>
    public static string[] DeploymentCells(ClusterView view, WorkloadView w)
    {
        var live = Live(view, w.Name).ToList();
        var ready = live.Count(p => p.Ready);
        return
        [
            w.Name, $"{ready}/{w.Desired}", Number(live.Count), Number(ready), KubeTime.Human(view.AtMs - w.CreatedAtMs),
            w.Name, Image(w.Name), $"app={w.Name}",
        ];
    }

    public static JsonObject Deployment(ClusterView view, WorkloadView w)
    {
        var live = Live(view, w.Name).ToList();
        var ready = live.Count(p => p.Ready);
        var status = new JsonObject { ["observedGeneration"] = 1, ["replicas"] = live.Count, ["updatedReplicas"] = live.Count };
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }
        if (live.Count > ready)
        {
            status["unavailableReplicas"] = live.Count - ready;
        }
        return new JsonObject
        {
            ["kind"] = "Deployment",
            ["apiVersion"] = "apps/v1",
            ["metadata"] = KubeObjects.Metadata(w.Name, KubeObjects.Namespace, KubeObjects.Uid("deployment", w.Index), w.CreatedAtMs, Labels(w.Name)),
            ["spec"] = new JsonObject
            {
                ["replicas"] = w.Desired,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = w.Name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = w.Name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = w.Name, ["image"] = Image(w.Name) }) },
                },
            },
            ["status"] = status,
        };
    }

    // ------------------------------------------------------------------ replica sets, daemon sets, stateful sets

    /// <summary>Each Deployment's ReplicaSet, once the controller-manager has created it (one template: one ReplicaSet).</summary>
    public static IEnumerable<WorkloadView> ReplicaSets(ClusterView view) =>
        Deployments(view).Where(w => w.ReplicaSet is not null).OrderBy(w => w.ReplicaSet, StringComparer.Ordinal);

    /// <summary>DESIRED is the spec's replicas, CURRENT the pods that exist, READY the ready ones.</summary>
    public static string[] ReplicaSetCells(ClusterView view, WorkloadView w)
    {
        var live = Live(view, w.Name).ToList();
        return
        [
            w.ReplicaSet!, Number(w.Desired), Number(live.Count), Number(live.Count(p => p.Ready)), KubeTime.Human(view.AtMs - w.CreatedAtMs),
            w.Name, Image(w.Name), FormatLabels(ReplicaSetSelector(w)),
        ];
    }

    public static IReadOnlyDictionary<string, string> ReplicaSetSelector(WorkloadView w) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app"] = w.Name, ["pod-template-hash"] = TemplateHash(w) };

    /// <summary>The pod-template-hash: what follows the Deployment's name in its ReplicaSet's.</summary>
    public static string TemplateHash(WorkloadView w) => w.ReplicaSet is { } rs ? rs[(w.Name.Length + 1)..] : "";

    public static JsonObject ReplicaSet(ClusterView view, WorkloadView w)
    {
        var live = Live(view, w.Name).ToList();
        var ready = live.Count(p => p.Ready);
        var metadata = KubeObjects.Metadata(w.ReplicaSet!, KubeObjects.Namespace, KubeObjects.Uid("replicaset", w.Index), w.CreatedAtMs, ReplicaSetSelector(w));
        metadata["ownerReferences"] = Owner("Deployment", w.Name, KubeObjects.Uid("deployment", w.Index));
        var status = new JsonObject { ["replicas"] = live.Count, ["fullyLabeledReplicas"] = live.Count, ["observedGeneration"] = 1 };
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }
        return Workload("ReplicaSet", metadata, w, ReplicaSetSelector(w), new JsonObject { ["replicas"] = w.Desired }, status);
    }

    public static IEnumerable<WorkloadView> DaemonSets(ClusterView view) =>
        view.Workloads.Where(w => w.Kind == "DaemonSet" && w.Created).OrderBy(w => w.Name, StringComparer.Ordinal);

    /// <summary>The nodes whose labels match the DaemonSet's node selector: where it wants a pod.</summary>
    private static int DaemonDesired(ClusterView view, WorkloadView w) =>
        view.Nodes.Count(n => w.NodeSelector.All(s => n.Labels.TryGetValue(s.Key, out var v) && v == s.Value));

    /// <summary>DESIRED the matching nodes, CURRENT the pods placed on a node, READY and AVAILABLE the ready ones (no minReadySeconds).</summary>
    public static string[] DaemonSetCells(ClusterView view, WorkloadView w)
    {
        var placed = Live(view, w.Name).Where(p => p.Node is not null).ToList();
        var ready = Number(placed.Count(p => p.Ready));
        return
        [
            w.Name, Number(DaemonDesired(view, w)), Number(placed.Count), ready, Number(placed.Count), ready, FormatLabels(w.NodeSelector),
            KubeTime.Human(view.AtMs - w.CreatedAtMs), w.Name, Image(w.Name), $"app={w.Name}",
        ];
    }

    public static JsonObject DaemonSet(ClusterView view, WorkloadView w)
    {
        var placed = Live(view, w.Name).Where(p => p.Node is not null).ToList();
        var ready = placed.Count(p => p.Ready);
        var desired = DaemonDesired(view, w);
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = placed.Count,
            ["desiredNumberScheduled"] = desired,
            ["numberMisscheduled"] = 0,
            ["numberReady"] = ready,
            ["numberAvailable"] = ready,
            ["updatedNumberScheduled"] = placed.Count,
            ["observedGeneration"] = 1,
        };
        if (desired > ready)
        {
            status["numberUnavailable"] = desired - ready;
        }
        var metadata = KubeObjects.Metadata(w.Name, KubeObjects.Namespace, KubeObjects.Uid("daemonset", w.Index), w.CreatedAtMs, Labels(w.Name));
        return Workload("DaemonSet", metadata, w, Labels(w.Name), new JsonObject(), status);
    }

    public static IEnumerable<WorkloadView> StatefulSets(ClusterView view) =>
        view.Workloads.Where(w => w.Kind == "StatefulSet" && w.Created).OrderBy(w => w.Name, StringComparer.Ordinal);

    /// <summary>READY is ready/desired, as for a Deployment.</summary>
    public static string[] StatefulSetCells(ClusterView view, WorkloadView w) =>
        [w.Name, $"{Live(view, w.Name).Count(p => p.Ready)}/{w.Desired}", KubeTime.Human(view.AtMs - w.CreatedAtMs), w.Name, Image(w.Name)];

    public static JsonObject StatefulSet(ClusterView view, WorkloadView w)
    {
        var live = Live(view, w.Name).ToList();
        var ready = live.Count(p => p.Ready);
        var status = new JsonObject
        {
            ["replicas"] = live.Count, ["readyReplicas"] = ready, ["availableReplicas"] = ready, ["currentReplicas"] = live.Count,
            ["updatedReplicas"] = live.Count, ["observedGeneration"] = 1,
        };
        var metadata = KubeObjects.Metadata(w.Name, KubeObjects.Namespace, KubeObjects.Uid("statefulset", w.Index), w.CreatedAtMs, Labels(w.Name));
        var spec = new JsonObject { ["replicas"] = w.Desired, ["serviceName"] = w.Service ?? w.Name, ["podManagementPolicy"] = "OrderedReady" };
        return Workload("StatefulSet", metadata, w, Labels(w.Name), spec, status);
    }

    /// <summary>An apps/v1 workload object: its spec's selector and pod template added to what the kind gives.</summary>
    private static JsonObject Workload(string kind, JsonObject metadata, WorkloadView w, IReadOnlyDictionary<string, string> selector, JsonObject spec, JsonObject status)
    {
        var podSpec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = w.Name, ["image"] = Image(w.Name) }) };
        if (w.NodeSelector.Count > 0)
        {
            podSpec["nodeSelector"] = LabelObject(w.NodeSelector);
        }
        spec["selector"] = new JsonObject { ["matchLabels"] = LabelObject(selector) };
        spec["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = LabelObject(selector) }, ["spec"] = podSpec };
        return new JsonObject { ["kind"] = kind, ["apiVersion"] = "apps/v1", ["metadata"] = metadata, ["spec"] = spec, ["status"] = status };
    }

    /// <summary>An ownerReferences list naming one controller.</summary>
    public static JsonArray Owner(string kind, string name, string uid) => new(new JsonObject
    {
        ["apiVersion"] = kind is "Node" ? "v1" : "apps/v1",
        ["kind"] = kind,
        ["name"] = name,
        ["uid"] = uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    });

    /// <summary>Labels as kubectl and the printers write them: <c>k=v,k2=v2</c> in key order, <c>&lt;none&gt;</c> when there are none.</summary>
    public static string FormatLabels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "<none>" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static JsonObject LabelObject(IReadOnlyDictionary<string, string> labels)
    {
        var o = new JsonObject();
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            o[key] = value;
        }
        return o;
    }

    // ------------------------------------------------------------------ services and endpoint slices

    public static IEnumerable<WorkloadView> Services(ClusterView view) =>
        view.Workloads.Where(w => w.Service is not null && w.Created).OrderBy(w => w.Service, StringComparer.Ordinal);

    public static string ClusterIp(ClusterView view, WorkloadView w) => $"10.96.0.{w.Index + 10}";

    public static string[] ServiceCells(ClusterView view, WorkloadView w) =>
        [w.Service!, "ClusterIP", ClusterIp(view, w), "<none>", "80/TCP", KubeTime.Human(view.AtMs - w.CreatedAtMs), $"app={w.Name}"];

    public static JsonObject Service(ClusterView view, WorkloadView w) => new()
    {
        ["kind"] = "Service",
        ["apiVersion"] = "v1",
        ["metadata"] = KubeObjects.Metadata(w.Service!, KubeObjects.Namespace, KubeObjects.Uid("service", w.Index), w.CreatedAtMs, Labels(w.Name)),
        ["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            ["clusterIP"] = ClusterIp(view, w),
            ["selector"] = new JsonObject { ["app"] = w.Name },
            ["ports"] = new JsonArray(new JsonObject { ["port"] = 80, ["protocol"] = "TCP", ["targetPort"] = 8080 }),
        },
    };

    /// <summary>The slice's name: the Service's, a dash and a stable five-character suffix, as the controller generates.</summary>
    public static string SliceName(ClusterView view, WorkloadView w) => $"{w.Service}-{"bcdfg"[w.Index % 5]}x7k2";

    /// <summary>Every pod of the Service with an address (it has started on a node), ready or not, as the EndpointSlice controller lists them.</summary>
    private static List<(PodView Pod, string Address)> Endpoints(ClusterView view, WorkloadView w) =>
        [.. view.Pods.Where(p => p.Workload == w.Name && p.Node is not null && p.LastStartedAtMs is not null)
            .Select(p => (p, KubeObjects.PodIp(p, view.Nodes.FirstOrDefault(n => n.Name == p.Node))))
            .Where(e => e.Item2.Length > 0)];

    /// <summary>ENDPOINTS: the first three addresses, then "+ N more..."; PORTS: the port numbers.</summary>
    public static string[] SliceCells(ClusterView view, WorkloadView w)
    {
        var addresses = Endpoints(view, w).Select(e => e.Address).ToList();
        var shown = addresses.Count == 0 ? "<unset>" : string.Join(",", addresses.Take(3)) + (addresses.Count > 3 ? $" + {addresses.Count - 3} more..." : "");
        return [SliceName(view, w), "IPv4", "8080", shown, KubeTime.Human(view.AtMs - w.CreatedAtMs)];
    }

    public static JsonObject Slice(ClusterView view, WorkloadView w)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
            ["kubernetes.io/service-name"] = w.Service!,
        };
        var endpoints = new JsonArray();
        foreach (var (pod, address) in Endpoints(view, w))
        {
            endpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(address),
                ["conditions"] = new JsonObject { ["ready"] = pod.EndpointReady, ["serving"] = pod.EndpointReady, ["terminating"] = pod.Terminating },
                ["nodeName"] = pod.Node,
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = KubeObjects.Namespace, ["name"] = pod.Name, ["uid"] = KubeObjects.Uid("pod", pod.Id) },
            });
        }
        return new JsonObject
        {
            ["kind"] = "EndpointSlice",
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["metadata"] = KubeObjects.Metadata(SliceName(view, w), KubeObjects.Namespace, KubeObjects.Uid("slice", w.Index), w.CreatedAtMs, labels),
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "", ["port"] = 8080, ["protocol"] = "TCP" }),
        };
    }

    // ------------------------------------------------------------------ leases

    public static string[] LeaseCells(ClusterView view, LeaseView lease) =>
        [lease.Name, lease.Holder ?? "", KubeTime.Human(view.AtMs)];

    public static JsonObject Lease(ClusterView view, LeaseView lease)
    {
        var spec = new JsonObject { ["leaseDurationSeconds"] = (int)(lease.DurationMs / 1000), ["renewTime"] = KubeTime.MicroTimestamp(lease.RenewedAtMs) };
        if (lease.Holder is not null)
        {
            spec["holderIdentity"] = lease.Holder;
        }
        return new JsonObject
        {
            ["kind"] = "Lease",
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["metadata"] = KubeObjects.Metadata(lease.Name, lease.Namespace, KubeObjects.Uid("lease", view.Leases.ToList().IndexOf(lease)), 0, new Dictionary<string, string>()),
            ["spec"] = spec,
        };
    }

    // ------------------------------------------------------------------ shared

    private static IReadOnlyDictionary<string, string> Labels(string app) => new Dictionary<string, string> { ["app"] = app };

    private static string Image(string workload) => $"registry.example/{workload}:1.0";
}
