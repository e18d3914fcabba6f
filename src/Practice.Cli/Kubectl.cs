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
          kubectl FILE --at T [--seed N] -- get RESOURCE [NAME] [-o wide|yaml|json|name] [-A] [-n NS] [-l SEL] [--field-selector SEL]
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
        if (KubectlGet.Read(args[(dash + 1)..], out var format, out var allNamespaces, out var namespaced) is not { } request)
        {
            return Fail(error, "kubectl here runs: get nodes|pods|services|deployments|replicasets|daemonsets|statefulsets|endpointslices|leases|events [NAME] [-o wide|yaml|json|name] [-A|--all-namespaces] [-l SELECTOR] [--field-selector SELECTOR] [-n NAMESPACE]");
        }
        var view = Simulator.ViewAt(scenario.AtSeed(seed).Spec, atMs);
        var printed = KubectlGet.Print(new IncidentApi(view), request, format, allNamespaces, namespaced);
        output.Write(printed.Out);
        error.Write(printed.Err);
        return printed.Ok ? CliApp.Ok : CliApp.Failed;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"practice: {message}");
        return CliApp.Invalid;
    }
}
