namespace Practice.ClusterApi;

/// <summary>
/// <c>kubectl get</c>'s arguments turned into the one API call kubectl would make, asking for a
/// Table: shared by the authors' CLI and the incident console. Null when the arguments are not
/// a <c>get</c> this API serves. The output is a table (<c>""</c>), <c>wide</c>, or one of the
/// printers over the plain objects: <c>yaml</c>, <c>json</c>, <c>name</c>.
/// </summary>
public static class KubectlGet
{
    public static ApiRequest? Read(string[] args, out string output, out bool allNamespaces, out bool namespaced)
    {
        (output, allNamespaces, namespaced) = ("", false, false);
        if (args is not ["get", var kind, ..])
        {
            return null;
        }
        var (resource, prefix, isNamespaced) = kind switch
        {
            "nodes" or "node" or "no" => ("nodes", "/api/v1", false),
            "pods" or "pod" or "po" => ("pods", "/api/v1", true),
            "services" or "service" or "svc" => ("services", "/api/v1", true),
            "events" or "event" or "ev" => ("events", "/api/v1", true),
            "deployments" or "deployment" or "deploy" => ("deployments", "/apis/apps/v1", true),
            "replicasets" or "replicaset" or "rs" => ("replicasets", "/apis/apps/v1", true),
            "daemonsets" or "daemonset" or "ds" => ("daemonsets", "/apis/apps/v1", true),
            "statefulsets" or "statefulset" or "sts" => ("statefulsets", "/apis/apps/v1", true),
            "endpointslices" or "endpointslice" => ("endpointslices", "/apis/discovery.k8s.io/v1", true),
            "leases" or "lease" => ("leases", "/apis/coordination.k8s.io/v1", true),
            _ => (null, "", false),
        };
        if (resource is null)
        {
            return null;
        }
        namespaced = isNamespaced;
        string? name = null, labels = null, fields = null, ns = null;
        for (var i = 2; i < args.Length; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "-o" or "--output":
                    if (Next() is not ({ } format and ("wide" or "yaml" or "json" or "name")))
                    {
                        return null;
                    }
                    output = format;
                    break;
                case "-owide" or "-oyaml" or "-ojson" or "-oname":
                    output = arg[2..];
                    break;
                case "--output=wide" or "--output=yaml" or "--output=json" or "--output=name" or "-o=wide" or "-o=yaml" or "-o=json" or "-o=name":
                    output = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];
                    break;
                case "-A" or "--all-namespaces":
                    allNamespaces = true;
                    break;
                case "-l" or "--selector":
                    labels = Next();
                    break;
                case "--field-selector":
                    fields = Next();
                    break;
                case "-n" or "--namespace":
                    ns = Next();
                    break;
                case var value when value.StartsWith("--selector=", StringComparison.Ordinal):
                    labels = value["--selector=".Length..];
                    break;
                case var value when value.StartsWith("--field-selector=", StringComparison.Ordinal):
                    fields = value["--field-selector=".Length..];
                    break;
                case var value when !value.StartsWith('-') && name is null:
                    name = value;
                    break;
                default:
                    return null;
            }
        }
        var path = !isNamespaced ? $"{prefix}/{resource}"
            : allNamespaces && name is null ? $"{prefix}/{resource}"
            : $"{prefix}/namespaces/{ns ?? KubeObjects.Namespace}/{resource}";
        if (name is not null)
        {
            path += "/" + name;
        }
        var table = output is "" or "wide";
        return new ApiRequest("GET", path, table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json", labels, fields);
    }

    /// <summary>What kubectl prints for a <c>get</c>: its standard output, its standard error, and whether it succeeded.</summary>
    public sealed record Printed(string Out, string Err, bool Ok, long DelayMs);

    /// <summary>Makes the call kubectl would make and prints the answer as kubectl does.</summary>
    public static Printed Print(IncidentApi api, ApiRequest request, string output, bool allNamespaces, bool namespaced)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(request);
        var response = api.Handle(request);
        if (ErrorLine(response) is { } error)
        {
            return new("", error + "\n", false, response.DelayMs);
        }
        var body = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!.AsObject();
        if (output is "yaml" or "json" or "name")
        {
            var named = body["kind"]?.GetValue<string>()?.EndsWith("List", StringComparison.Ordinal) != true;
            return new(KubectlOutput.Print(body, named, output), "", true, response.DelayMs);
        }
        return KubectlText.Render(body, output == "wide", allNamespaces) is { } text
            ? new(text, "", true, response.DelayMs)
            : new("", KubectlText.NoResources(namespaced, allNamespaces) + "\n", true, response.DelayMs);
    }

    /// <summary>
    /// A failed answer as kubectl prints it: <c>Error from server (Reason): message</c>, the reason in
    /// brackets only when the Status has one (kubectl pkg/cmd/util/helpers.go, StandardErrorMessage).
    /// Null for a success.
    /// </summary>
    public static string? ErrorLine(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status == 200)
        {
            return null;
        }
        var body = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!.AsObject();
        var reason = body["reason"]?.GetValue<string>();
        return $"Error from server{(string.IsNullOrEmpty(reason) ? "" : $" ({reason})")}: {body["message"]?.GetValue<string>()}";
    }
}
