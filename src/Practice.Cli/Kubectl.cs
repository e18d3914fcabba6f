using System.Text.Json.Nodes;
using Practice.ClusterApi;
using Practice.Content;
using Practice.Simulation;

namespace Practice.Cli;

/// <summary>
/// <c>kubectl FILE --at T [--seed N] -- get RESOURCE [NAME] [flags]</c>: what the real kubectl
/// prints against the incident's API at T, rendered from the same Tables, for authors (any T:
/// the no-spoiler limit is the web app's).
/// </summary>
internal static class Kubectl
{
    public const string Usage = """
          kubectl FILE --at T [--seed N] -- get RESOURCE [NAME] [-o wide] [-A] [-n NS] [-l SEL] [--field-selector SEL]
                           RESOURCE: nodes, pods, services, deployments, replicasets, daemonsets,
                                     statefulsets, endpointslices, leases, events
                           what kubectl prints against the incident's API at virtual time T
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var dash = Array.IndexOf(args, "--");
        if (dash < 0)
        {
            return Fail(error, "kubectl needs '--' before kubectl's own arguments: kubectl FILE --at 3m -- get pods");
        }
        string? file = null, at = null, seedText = null;
        var own = args[..dash];
        for (var i = 0; i < own.Length; i++)
        {
            switch (own[i])
            {
                case "--at" when i + 1 < own.Length:
                    at = own[++i];
                    break;
                case "--seed" when i + 1 < own.Length:
                    seedText = own[++i];
                    break;
                case var option when option.StartsWith('-'):
                    return Fail(error, $"unknown option '{option}' (before '--': --at T, --seed N)");
                case var name when file is null:
                    file = name;
                    break;
                default:
                    return Fail(error, $"kubectl takes one scenario file, but got '{file}' and '{own[i]}'");
            }
        }
        if (file is null || at is null)
        {
            return Fail(error, "kubectl needs a scenario FILE and --at T");
        }
        var seed = 0;
        if (seedText is not null && (!int.TryParse(seedText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed)
            || seed > Content.Scenarios.ScenarioVariants.MaxSeed))
        {
            return Fail(error, $"--seed needs a whole number from 0 to {Content.Scenarios.ScenarioVariants.MaxSeed}, not '{seedText}'");
        }
        if (!KubeTime.TryParseVirtual(at, out var atMs))
        {
            return Fail(error, $"--at needs a time like 3m, 90s or 2m30s, not '{at}'");
        }
        var (scenario, problems) = ContentLoader.LoadScenario(file, ContentLoader.FindCourseFor(file));
        if (scenario is null)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem.ToString(Environment.CurrentDirectory));
            }
            return CliApp.Invalid;
        }
        if (atMs > scenario.Spec.DurationMs)
        {
            return Fail(error, $"--at {at} is after the end of the scenario ({IncidentApi.Clock(scenario.Spec.DurationMs)})");
        }
        if (ReadRequest(args[(dash + 1)..], out var wide, out var allNamespaces, out var namespaced) is not { } request)
        {
            return Fail(error, "kubectl here runs: get nodes|pods|services|deployments|replicasets|daemonsets|statefulsets|endpointslices|leases|events [NAME] [-o wide] [-A|--all-namespaces] [-l SELECTOR] [--field-selector SELECTOR] [-n NAMESPACE]");
        }
        var view = Simulator.ViewAt(scenario.AtSeed(seed).Spec, atMs);
        var response = new IncidentApi(view).Handle(request);
        var body = JsonNode.Parse(response.Body)!.AsObject();
        if (response.Status != 200)
        {
            // kubectl names the reason in brackets only when the Status has one.
            var reason = body["reason"]?.GetValue<string>();
            error.WriteLine($"Error from server{(string.IsNullOrEmpty(reason) ? "" : $" ({reason})")}: {body["message"]?.GetValue<string>()}");
            return CliApp.Failed;
        }
        if (KubectlText.Render(body, wide, allNamespaces) is { } text)
        {
            output.Write(text);
        }
        else
        {
            error.WriteLine(KubectlText.NoResources(namespaced, allNamespaces));
        }
        return CliApp.Ok;
    }

    private static ApiRequest? ReadRequest(string[] args, out bool wide, out bool allNamespaces, out bool namespaced)
    {
        (wide, allNamespaces, namespaced) = (false, false, false);
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
                    if (Next() != "wide")
                    {
                        return null;
                    }
                    wide = true;
                    break;
                case "-owide" or "--output=wide":
                    wide = true;
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
        return new ApiRequest("GET", path, "application/json;as=Table;v=v1;g=meta.k8s.io", labels, fields);
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"practice: {message}");
        return CliApp.Invalid;
    }
}
