using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Practice.ClusterApi;

/// <summary>
/// <c>kubectl describe node|pod NAME</c> in the incident console: the object and its events read
/// from the incident's API, laid out as kubectl's describers lay them out (label column, then the
/// value; lists under their heading; the events table last, ages worked out at the view's moment).
/// A shorter describe than kubectl's: the fields this simulation models.
/// </summary>
public static class KubectlDescribe
{
    /// <summary>The text, or kubectl's error (a 503, a NotFound) when the API does not give the object.</summary>
    public static (string Text, bool Ok) Describe(IncidentApi api, string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(api);
        var (path, nodes) = kind switch
        {
            "node" or "nodes" or "no" => ($"/api/v1/nodes/{name}", true),
            "pod" or "pods" or "po" => ($"/api/v1/namespaces/default/pods/{name}", false),
            _ => ("", false),
        };
        if (path.Length == 0)
        {
            return ($"practice: describe here reads nodes and pods, not {kind}", false);
        }
        var response = api.Handle(new ApiRequest("GET", path));
        if (KubectlGet.ErrorLine(response) is { } error)
        {
            return (error, false);
        }
        var body = JsonNode.Parse(response.Body)!.AsObject();
        var events = JsonNode.Parse(api.Handle(new ApiRequest("GET", nodes ? "/api/v1/events" : "/api/v1/namespaces/default/events",
            FieldSelector: $"involvedObject.name={name}")).Body)!["items"]?.AsArray() ?? [];
        var text = new StringBuilder();
        if (nodes)
        {
            Node(text, body);
        }
        else
        {
            Pod(text, body);
        }
        Events(text, events, api.View.AtMs);
        return (text.ToString().TrimEnd('\n'), true);
    }

    private static string S(JsonNode? node) => node?.GetValue<string>() ?? "";

    private static void Line(StringBuilder text, string label, string value, int width) =>
        text.Append((label + ":").PadRight(width)).Append(value).Append('\n');

    private static string Labels(JsonNode? labels, int width)
    {
        var pairs = labels?.AsObject().OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={S(l.Value)}").ToList() ?? [];
        return pairs.Count == 0 ? "<none>" : string.Join("\n" + new string(' ', width), pairs);
    }

    private static string When(JsonNode? timestamp) =>
        DateTimeOffset.Parse(S(timestamp), CultureInfo.InvariantCulture).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static void Node(StringBuilder text, JsonObject node)
    {
        const int w = 20;
        var metadata = node["metadata"]!;
        var spec = node["spec"]!;
        var status = node["status"]!;
        Line(text, "Name", S(metadata["name"]), w);
        Line(text, "Roles", "<none>", w);
        Line(text, "Labels", Labels(metadata["labels"], w), w);
        Line(text, "CreationTimestamp", When(metadata["creationTimestamp"]), w);
        var taints = spec["taints"]?.AsArray().Select(t => $"{S(t!["key"])}:{S(t["effect"])}").ToList() ?? [];
        Line(text, "Taints", taints.Count == 0 ? "<none>" : string.Join("\n" + new string(' ', w), taints), w);
        Line(text, "Unschedulable", spec["unschedulable"]?.GetValue<bool>() == true ? "true" : "false", w);
        text.Append("Conditions:\n  Type    Status   LastHeartbeatTime                 Reason              Message\n")
            .Append("  ----    ------   -----------------                 ------              -------\n");
        foreach (var c in status["conditions"]!.AsArray())
        {
            text.Append("  ").Append(S(c!["type"]).PadRight(8)).Append(S(c["status"]).PadRight(9)).Append(When(c["lastHeartbeatTime"]).PadRight(34))
                .Append(S(c["reason"]).PadRight(20)).Append(S(c["message"])).Append('\n');
        }
        text.Append("Addresses:\n");
        foreach (var a in status["addresses"]!.AsArray())
        {
            text.Append("  ").Append((S(a!["type"]) + ":").PadRight(12)).Append(S(a["address"])).Append('\n');
        }
        text.Append("System Info:\n");
        var info = status["nodeInfo"]!;
        foreach (var (label, key) in new[] { ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"), ("Container Runtime Version", "containerRuntimeVersion"), ("Kubelet Version", "kubeletVersion") })
        {
            text.Append("  ").Append((label + ":").PadRight(27)).Append(S(info[key])).Append('\n');
        }
    }

    private static void Pod(StringBuilder text, JsonObject pod)
    {
        const int w = 18;
        var metadata = pod["metadata"]!;
        var spec = pod["spec"]!;
        var status = pod["status"]!;
        Line(text, "Name", S(metadata["name"]), w);
        Line(text, "Namespace", S(metadata["namespace"]), w);
        Line(text, "Node", spec["nodeName"] is { } node ? $"{S(node)}/{S(status["hostIP"])}" : "<none>", w);
        Line(text, "Start Time", status["startTime"] is { } start ? When(start) : "<unset>", w);
        Line(text, "Labels", Labels(metadata["labels"], w), w);
        Line(text, "Status", metadata["deletionTimestamp"] is not null ? "Terminating" : S(status["phase"]), w);
        Line(text, "IP", status["podIP"] is { } ip ? S(ip) : "", w);
        if (metadata["ownerReferences"]?.AsArray().FirstOrDefault() is { } owner)
        {
            Line(text, "Controlled By", $"{S(owner["kind"])}/{S(owner["name"])}", w);
        }
        text.Append("Containers:\n");
        foreach (var c in status["containerStatuses"]?.AsArray() ?? [])
        {
            text.Append("  ").Append(S(c!["name"])).Append(":\n");
            text.Append("    Image:          ").Append(S(c["image"])).Append('\n');
            var state = c["state"]!.AsObject().First();
            text.Append("    State:          ").Append(char.ToUpperInvariant(state.Key[0]) + state.Key[1..]).Append('\n');
            if (state.Value!["reason"] is { } reason)
            {
                text.Append("      Reason:       ").Append(S(reason)).Append('\n');
            }
            if (state.Value["startedAt"] is { } started)
            {
                text.Append("      Started:      ").Append(When(started)).Append('\n');
            }
            text.Append("    Ready:          ").Append(c["ready"]!.GetValue<bool>() ? "True" : "False").Append('\n');
            text.Append("    Restart Count:  ").Append(c["restartCount"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        text.Append("Conditions:\n  Type              Status\n");
        foreach (var c in status["conditions"]!.AsArray())
        {
            text.Append("  ").Append(S(c!["type"]).PadRight(18)).Append(S(c["status"])).Append('\n');
        }
        var tolerations = spec["tolerations"]?.AsArray()
            .Select(t => $"{S(t!["key"])}:{S(t["effect"])} op={S(t["operator"])}{(t["tolerationSeconds"] is { } s ? $" for {s.GetValue<int>()}s" : "")}").ToList() ?? [];
        Line(text, "Tolerations", tolerations.Count == 0 ? "<none>" : string.Join("\n" + new string(' ', w), tolerations), w);
    }

    private static void Events(StringBuilder text, JsonArray events, long nowMs)
    {
        if (events.Count == 0)
        {
            text.Append("Events:              <none>\n");
            return;
        }
        var rows = new List<string[]> { new[] { "Type", "Reason", "Age", "From", "Message" }, new[] { "----", "------", "----", "----", "-------" } };
        foreach (var e in events)
        {
            var at = DateTimeOffset.Parse(S(e!["lastTimestamp"]), CultureInfo.InvariantCulture);
            // The console's API writes virtual time 0 as KubeTime.Epoch.
            var ageMs = nowMs - (long)(at - KubeTime.Epoch).TotalMilliseconds;
            var from = S(e["source"]!["component"]) + (e["source"]!["host"] is { } host ? $", {S(host)}" : "");
            rows.Add([S(e["type"]), S(e["reason"]), KubeTime.Human(Math.Max(0, ageMs)), from, S(e["message"])]);
        }
        var widths = Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length) + 2).ToArray();
        text.Append("Events:\n");
        foreach (var r in rows)
        {
            text.Append("  ");
            for (var i = 0; i < 4; i++)
            {
                text.Append(r[i].PadRight(widths[i]));
            }
            text.Append(r[4]).Append('\n');
        }
    }
}
