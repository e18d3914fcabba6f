using System.Text.Json.Nodes;
using Practice.Simulation;

namespace Practice.ClusterApi;

/// <summary>One request to an incident's API, relative to its base path (<c>/api/v1/pods</c>).</summary>
/// <param name="Accept">The Accept header: a Table when it asks for <c>as=Table</c>, else plain JSON.</param>
public sealed record ApiRequest(string Method, string Path, string? Accept = null, string? LabelSelector = null, string? FieldSelector = null);

/// <summary>What the API answers: a status code, a content type and a body.</summary>
public sealed record ApiResponse(int Status, string ContentType, string Body)
{
    /// <summary>How late a slow incident apiserver answers this (virtual milliseconds; the server may cap the real wait).</summary>
    public long DelayMs { get; init; }
}

/// <summary>
/// The simulated cluster at one moment served as kube-apiserver would serve it to kubectl:
/// <c>/version</c>, aggregated discovery, and get and list of nodes, pods, services, deployments,
/// replica sets, daemon sets, stateful sets, endpoint slices, events and leases, as objects or as
/// server-side Tables, with label and field selectors applied here (kubectl filters nothing).
/// The API view, not the truth: what the objects say, stale where the control plane is down.
/// While the incident's API is unavailable every resource call answers 503 with a Status naming
/// the fault; discovery and <c>/version</c> still answer, so kubectl can say so.
/// </summary>
/// <param name="epoch">The wall-clock moment virtual time 0 is written as (default <see cref="KubeTime.Epoch"/>).</param>
public sealed class IncidentApi(ClusterView view, DateTimeOffset? epoch = null)
{
    public const string DiscoveryContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private const string Json = "application/json";

    public ClusterView View { get; } = view;

    public ApiResponse Handle(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var time = KubeTime.StartingAt(epoch ?? KubeTime.Epoch);
        return Answer(request);
    }

    private ApiResponse Answer(ApiRequest request)
    {
        var path = request.Path.TrimEnd('/');
        if (Discovery(path, View.KubernetesVersion) is { } discovery)
        {
            return discovery;
        }
        if (request.Method != "GET")
        {
            return Status(405, "MethodNotAllowed", $"this incident's API only reads: actions are taken in the incident's console, not with {request.Method}");
        }
        if (View.Api.EtcdNoQuorum)
        {
            // A read without resourceVersion is a quorum read: etcd waits for a ReadIndex its
            // minority never gets and gives up after its request timeout (etcd server/config
            // ReqTimeout: 5 s + 2 × the 1 s election timeout), "etcdserver: request timed out".
            // kube-apiserver passes that on as a 500 with no reason, which kubectl prints as
            // "Error from server: …" (kubectl pkg/cmd/util/helpers.go, StandardErrorMessage).
            return Status(500, "", "etcdserver: request timed out") with { DelayMs = EtcdRequestTimeoutMs };
        }
        if (!View.Api.Available)
        {
            return Status(503, "ServiceUnavailable", $"the incident's apiserver does not answer at {Clock(View.AtMs)}: {View.Api.Why}");
        }
        if (View.Api.DelayMs >= RequestTimeoutMs)
        {
            // kube-apiserver gives up on a request after its --request-timeout (1 minute) and answers 504.
            return Status(504, "Timeout", "Timeout: request did not complete within requested timeout - context deadline exceeded") with { DelayMs = RequestTimeoutMs };
        }
        return Read(request) with { DelayMs = View.Api.DelayMs };
    }

    /// <summary>etcd's request timeout with its default 1 s election timeout: how long a read waits for a quorum.</summary>
    public const long EtcdRequestTimeoutMs = 7_000;

    /// <summary>kube-apiserver's <c>--request-timeout</c> default: a call slower than this ends in 504.</summary>
    public const long RequestTimeoutMs = 60_000;

    private ApiResponse Read(ApiRequest request)
    {
        var parts = request.Path.TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var table = request.Accept?.Contains("as=Table", StringComparison.Ordinal) == true;
        Selector labels, fields;
        try
        {
            labels = Selector.Parse(request.LabelSelector, label: true);
            fields = Selector.Parse(request.FieldSelector, label: false);
        }
        catch (FormatException e)
        {
            return Status(400, "BadRequest", e.Message);
        }
        if (Route(parts) is not { } route)
        {
            return Status(404, "NotFound", "the server could not find the requested resource");
        }
        var (resource, ns, name) = route;
        var items = resource.Items(View)
            .Where(i => (ns is null || i.Namespace == ns) && (name is null || i.Name == name) && labels.Matches(i.Labels) && fields.Matches(i.Fields))
            .ToList();
        if (name is not null && items.Count == 0)
        {
            return Status(404, "NotFound", $"{resource.Plural}{(resource.Group.Length > 0 ? "." + resource.Group : "")} \"{name}\" not found",
                new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural });
        }
        if (table)
        {
            return Ok(Table(resource.Columns, items.Select(i => (i.Cells, i.Metadata?.Invoke() ?? (JsonObject)i.Object()["metadata"]!.DeepClone()))));
        }
        return Ok(name is not null ? items[0].Object() : List(resource.Kind + "List", resource.ApiVersion, items.Select(i => i.Object())));
    }

    /// <summary>One object of a resource: where it is, what selectors see of it, its row and its JSON.</summary>
    /// <param name="Metadata">Just the metadata, for a Table row, when building the whole object for it would be waste (many pods); else taken from the object.</param>
    private sealed record Item(string? Namespace, string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Fields,
        string[] Cells, Func<JsonObject> Object, Func<JsonObject>? Metadata = null);

    /// <summary>A resource the API serves: its group, version, names, columns and objects.</summary>
    private sealed record Resource(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced, string[] ShortNames,
        IReadOnlyList<PrinterColumn> Columns, Func<ClusterView, IEnumerable<Item>> Items)
    {
        public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    }

    private static Dictionary<string, string> Fields(string name, string? ns, params (string Key, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["metadata.name"] = name };
        if (ns is not null)
        {
            fields["metadata.namespace"] = ns;
        }
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }
        return fields;
    }

    private static Resource[] Resources => LazyResources.Value;

    private static readonly Lazy<Resource[]> LazyResources = new(() =>
    [
        new("", "v1", "nodes", "node", "Node", false, ["no"], PrinterColumns.Node, v => v.Nodes.Select(n => new Item(null, n.Name, KubeObjects.NodeLabels(n),
            Fields(n.Name, null, ("spec.unschedulable", n.Unschedulable ? "true" : "false")), KubeObjects.NodeCells(v, n), () => KubeObjects.Node(v, n), () => KubeObjects.NodeMetadata(n)))),
        new("", "v1", "pods", "pod", "Pod", true, ["po"], PrinterColumns.Pod, v => v.Pods.Select(p => new Item(KubeObjects.Namespace, p.Name, KubeObjects.PodLabels(p),
            Fields(p.Name, KubeObjects.Namespace, ("spec.nodeName", p.Node ?? ""), ("status.phase", KubeObjects.Phase(p))), KubeObjects.PodCells(v, p), () => KubeObjects.Pod(v, p), () => KubeObjects.PodMetadata(v, p)))),
        new("", "v1", "services", "service", "Service", true, ["svc"], PrinterColumns.Service, v => KubeResources.Services(v).Select(w => new Item(KubeObjects.Namespace, w.Service!,
            new Dictionary<string, string> { ["app"] = w.Name }, Fields(w.Service!, KubeObjects.Namespace), KubeResources.ServiceCells(v, w), () => KubeResources.Service(v, w)))),
        new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], PrinterColumns.Deployment, v => KubeResources.Deployments(v).Select(w => new Item(KubeObjects.Namespace, w.Name,
            new Dictionary<string, string> { ["app"] = w.Name }, Fields(w.Name, KubeObjects.Namespace), KubeResources.DeploymentCells(v, w), () => KubeResources.Deployment(v, w)))),
        new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ["rs"], PrinterColumns.ReplicaSet, v => KubeResources.ReplicaSets(v).Select(w => new Item(KubeObjects.Namespace, w.ReplicaSet!,
            KubeResources.ReplicaSetSelector(w), Fields(w.ReplicaSet!, KubeObjects.Namespace), KubeResources.ReplicaSetCells(v, w), () => KubeResources.ReplicaSet(v, w)))),
        new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], PrinterColumns.DaemonSet, v => KubeResources.DaemonSets(v).Select(w => new Item(KubeObjects.Namespace, w.Name,
            new Dictionary<string, string> { ["app"] = w.Name }, Fields(w.Name, KubeObjects.Namespace), KubeResources.DaemonSetCells(v, w), () => KubeResources.DaemonSet(v, w)))),
        new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], PrinterColumns.StatefulSet, v => KubeResources.StatefulSets(v).Select(w => new Item(KubeObjects.Namespace, w.Name,
            new Dictionary<string, string> { ["app"] = w.Name }, Fields(w.Name, KubeObjects.Namespace), KubeResources.StatefulSetCells(v, w), () => KubeResources.StatefulSet(v, w)))),
        new("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, [], PrinterColumns.EndpointSlice, v => KubeResources.Services(v).Select(w => new Item(KubeObjects.Namespace,
            KubeResources.SliceName(v, w), new Dictionary<string, string> { ["kubernetes.io/service-name"] = w.Service!, ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io" },
            Fields(KubeResources.SliceName(v, w), KubeObjects.Namespace), KubeResources.SliceCells(v, w), () => KubeResources.Slice(v, w)))),
        new("", "v1", "events", "event", "Event", true, ["ev"], PrinterColumns.Event, v => KubeEvents.Of(v).Select(e => new Item(e.Namespace, e.Name,
            new Dictionary<string, string>(), KubeEvents.Fields(e), KubeEvents.Cells(v, e), () => KubeEvents.Object(e)))),
        new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, [], PrinterColumns.Lease, v => v.Leases.Select(l => new Item(l.Namespace, l.Name,
            new Dictionary<string, string>(), Fields(l.Name, l.Namespace), KubeResources.LeaseCells(v, l), () => KubeResources.Lease(v, l)))),
    ]);

    /// <summary>The resource, namespace (null: every one, or cluster-scoped) and name (null: a list) a path names.</summary>
    private static (Resource Resource, string? Namespace, string? Name)? Route(string[] parts)
    {
        var (group, version, rest) = parts switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => ("", "", Array.Empty<string>()),
        };
        string? ns = null;
        if (rest is ["namespaces", var n, .. var inner])
        {
            (ns, rest) = (n, inner);
        }
        if (rest is not ([_] or [_, _]))
        {
            return null;
        }
        var resource = Resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == rest[0] && (ns is null || r.Namespaced));
        return resource is null ? null : (resource, ns, rest.Length == 2 ? rest[1] : null);
    }

    // ------------------------------------------------------------------ tables

    /// <summary>A Table: integer columns' cells as JSON numbers, as the printers put them, the rest as strings.</summary>
    private static JsonObject Table(IReadOnlyList<PrinterColumn> columns, IEnumerable<(string[] Cells, JsonObject Metadata)> rows)
    {
        var definitions = new JsonArray();
        foreach (var c in columns)
        {
            var definition = new JsonObject { ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format ?? "", ["description"] = "", ["priority"] = c.Priority };
            definitions.Add(definition);
        }
        var rowArray = new JsonArray();
        foreach (var (cells, metadata) in rows)
        {
            rowArray.Add(new JsonObject
            {
                ["cells"] = new JsonArray([.. cells.Select((c, i) => columns[i].Type == "integer" && long.TryParse(c, out var n) ? (JsonNode)JsonValue.Create(n) : JsonValue.Create(c))]),
                ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata },
            });
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
            ["columnDefinitions"] = definitions,
            ["rows"] = rowArray,
        };
    }

    // ------------------------------------------------------------------ discovery and errors

    /// <summary>
    /// <c>/version</c>, <c>/api</c> and <c>/apis</c>, which depend on no moment of the incident:
    /// answered for any incident path, even one that is refused, so that kubectl reaches the
    /// resource call and prints why. Null for any other path.
    /// </summary>
    public static ApiResponse? Discovery(string path, string kubernetesVersion) => path.Trim('/') switch
    {
        "version" => Ok(Version(kubernetesVersion)),
        "api" => new ApiResponse(200, DiscoveryContentType, Discovery(core: true).ToJsonString()),
        "apis" => new ApiResponse(200, DiscoveryContentType, Discovery(core: false).ToJsonString()),
        _ => null,
    };

    private static JsonObject Version(string kubernetesVersion)
    {
        var minor = kubernetesVersion.Split('.') is [_, var m, ..] ? m : "34";
        return new JsonObject
        {
            ["major"] = "1",
            ["minor"] = minor,
            ["gitVersion"] = $"v{kubernetesVersion}.0",
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = KubeTime.Timestamp(0),
            ["goVersion"] = "go1.24.0",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private static JsonObject Discovery(bool core)
    {
        var items = new JsonArray();
        foreach (var group in Resources.Where(r => (r.Group.Length == 0) == core).GroupBy(r => (r.Group, r.Version)))
        {
            var metadata = new JsonObject();
            if (group.Key.Group.Length > 0)
            {
                metadata["name"] = group.Key.Group;
            }
            items.Add(new JsonObject
            {
                ["metadata"] = metadata,
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["version"] = group.Key.Version,
                    ["resources"] = new JsonArray([.. group.Select(r => (JsonNode)DiscoveryEntry(r))]),
                    ["freshness"] = "Current",
                }),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    private static JsonObject DiscoveryEntry(Resource r) => new()
    {
        ["resource"] = r.Plural,
        ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
        ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
        ["singularResource"] = r.Singular,
        ["verbs"] = new JsonArray("get", "list"),
        ["shortNames"] = new JsonArray([.. r.ShortNames.Select(n => (JsonNode)JsonValue.Create(n))]),
    };

    private static JsonObject List(string kind, string apiVersion, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = apiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
        ["items"] = new JsonArray([.. items]),
    };

    private static ApiResponse Ok(JsonObject body) => new(200, Json, body.ToJsonString());

    /// <summary>A failure as kube-apiserver writes it: a v1 Status with the code, the reason kubectl prints in brackets, and the message.</summary>
    public static ApiResponse Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        return new ApiResponse(code, Json, status.ToJsonString());
    }

    /// <summary>Virtual time as <c>3m05s</c>.</summary>
    public static string Clock(long ms) => $"{ms / 60_000}m{ms % 60_000 / 1000:00}s";
}
