using System.Text.Json.Nodes;
using Practice.Simulation;

namespace Practice.ClusterApi;

/// <summary>One request to an incident's API, relative to its base path (<c>/api/v1/pods</c>).</summary>
/// <param name="Accept">The Accept header: a Table when it asks for <c>as=Table</c>, else plain JSON.</param>
public sealed record ApiRequest(string Method, string Path, string? Accept = null, string? LabelSelector = null, string? FieldSelector = null);

/// <summary>What the API answers: a status code, a content type and a body.</summary>
public sealed record ApiResponse(int Status, string ContentType, string Body);

/// <summary>
/// The simulated cluster at one moment served as kube-apiserver would serve it to kubectl:
/// <c>/version</c>, aggregated discovery, and get and list of nodes and pods, as objects or as
/// server-side Tables, with label and field selectors applied here (kubectl filters nothing).
/// The API view, not the truth: what the objects say, stale where the control plane is down.
/// While the incident's API is unavailable every resource call answers 503 with a Status naming
/// the fault; discovery and <c>/version</c> still answer, so kubectl can say so.
/// </summary>
public sealed class IncidentApi(ClusterView view)
{
    public const string DiscoveryContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private const string Json = "application/json";

    public ClusterView View { get; } = view;

    public ApiResponse Handle(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.TrimEnd('/');
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["version"]:
                return Ok(Version());
            case ["api"]:
                return new ApiResponse(200, DiscoveryContentType, Discovery(core: true).ToJsonString());
            case ["apis"]:
                return new ApiResponse(200, DiscoveryContentType, Discovery(core: false).ToJsonString());
        }
        if (request.Method != "GET")
        {
            return Status(405, "MethodNotAllowed", $"this incident's API only reads: actions are taken in the incident's console, not with {request.Method}");
        }
        if (!View.Api.Available)
        {
            return Status(503, "ServiceUnavailable", $"the incident's apiserver does not answer at {Clock(View.AtMs)}: {View.Api.Why}");
        }
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
        return parts switch
        {
            ["api", "v1", "nodes"] => Nodes(null, labels, fields, table),
            ["api", "v1", "nodes", var name] => Nodes(name, labels, fields, table),
            ["api", "v1", "pods"] => Pods(null, null, labels, fields, table),
            ["api", "v1", "namespaces", var ns, "pods"] => Pods(ns, null, labels, fields, table),
            ["api", "v1", "namespaces", var ns, "pods", var name] => Pods(ns, name, labels, fields, table),
            _ => Status(404, "NotFound", "the server could not find the requested resource"),
        };
    }

    private ApiResponse Nodes(string? name, Selector labels, Selector fields, bool table)
    {
        var nodes = View.Nodes.Where(n => (name is null || n.Name == name)
            && labels.Matches(KubeObjects.NodeLabels(n))
            && fields.Matches(new Dictionary<string, string> { ["metadata.name"] = n.Name, ["spec.unschedulable"] = n.Unschedulable ? "true" : "false" })).ToList();
        if (name is not null && nodes.Count == 0)
        {
            return Status(404, "NotFound", $"nodes \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = "nodes" });
        }
        if (table)
        {
            return Ok(Table(NodeColumns, nodes.Select(n => (KubeObjects.NodeCells(View, n), (JsonObject)KubeObjects.Node(View, n)["metadata"]!.DeepClone()))));
        }
        return Ok(name is not null ? KubeObjects.Node(View, nodes[0]) : List("NodeList", nodes.Select(n => KubeObjects.Node(View, n))));
    }

    private ApiResponse Pods(string? ns, string? name, Selector labels, Selector fields, bool table)
    {
        var pods = View.Pods.Where(p => (ns is null || ns == KubeObjects.Namespace) && (name is null || p.Name == name)
            && labels.Matches(KubeObjects.PodLabels(p))
            && fields.Matches(new Dictionary<string, string>
            {
                ["metadata.name"] = p.Name,
                ["metadata.namespace"] = KubeObjects.Namespace,
                ["spec.nodeName"] = p.Node ?? "",
                ["status.phase"] = KubeObjects.Phase(p),
            })).ToList();
        if (name is not null && pods.Count == 0)
        {
            return Status(404, "NotFound", $"pods \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = "pods" });
        }
        if (table)
        {
            return Ok(Table(PodColumns, pods.Select(p => (KubeObjects.PodCells(View, p), (JsonObject)KubeObjects.Pod(View, p)["metadata"]!.DeepClone()))));
        }
        return Ok(name is not null ? KubeObjects.Pod(View, pods[0]) : List("PodList", pods.Select(p => KubeObjects.Pod(View, p))));
    }

    // ------------------------------------------------------------------ tables

    /// <summary>A column of a server-side Table: priority 0 always shown, 1 only with <c>-o wide</c>.</summary>
    public sealed record Column(string Name, string Type, int Priority = 0, string? Format = null);

    /// <summary>kube-apiserver's node columns (pkg/printers/internalversion/printers.go, nodeColumnDefinitions).</summary>
    public static readonly IReadOnlyList<Column> NodeColumns =
    [
        new("Name", "string", Format: "name"), new("Status", "string"), new("Roles", "string"), new("Age", "string"), new("Version", "string"),
        new("Internal-IP", "string", 1), new("External-IP", "string", 1), new("OS-Image", "string", 1), new("Kernel-Version", "string", 1),
        new("Container-Runtime", "string", 1),
    ];

    /// <summary>kube-apiserver's pod columns (printers.go, podColumnDefinitions).</summary>
    public static readonly IReadOnlyList<Column> PodColumns =
    [
        new("Name", "string", Format: "name"), new("Ready", "string"), new("Status", "string"), new("Restarts", "string"), new("Age", "string"),
        new("IP", "string", 1), new("Node", "string", 1), new("Nominated Node", "string", 1), new("Readiness Gates", "string", 1),
    ];

    private static JsonObject Table(IReadOnlyList<Column> columns, IEnumerable<(string[] Cells, JsonObject Metadata)> rows)
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
                ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)JsonValue.Create(c))]),
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

    private JsonObject Version()
    {
        var minor = View.KubernetesVersion.Split('.') is [_, var m, ..] ? m : "34";
        return new JsonObject
        {
            ["major"] = "1",
            ["minor"] = minor,
            ["gitVersion"] = $"v{View.KubernetesVersion}.0",
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
        if (core)
        {
            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject(),
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["version"] = "v1",
                    ["resources"] = new JsonArray(
                        Resource("nodes", "node", "Node", "Cluster", ["no"]),
                        Resource("pods", "pod", "Pod", "Namespaced", ["po"])),
                    ["freshness"] = "Current",
                }),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    private static JsonObject Resource(string plural, string singular, string kind, string scope, string[] shortNames) => new()
    {
        ["resource"] = plural,
        ["responseKind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = kind },
        ["scope"] = scope,
        ["singularResource"] = singular,
        ["verbs"] = new JsonArray("get", "list"),
        ["shortNames"] = new JsonArray([.. shortNames.Select(s => (JsonNode)JsonValue.Create(s))]),
    };

    private static JsonObject List(string kind, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
        ["items"] = new JsonArray([.. items]),
    };

    private static ApiResponse Ok(JsonObject body) => new(200, Json, body.ToJsonString());

    private static ApiResponse Status(int code, string reason, string message, JsonObject? details = null)
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
