using System.Globalization;
using Practice.Simulation;
using Practice.Simulation.Model;
using Practice.Simulation.Text;

namespace Practice.ClusterApi.Terminal;

/// <summary>An action a runbook question offers, as the console matches typed commands against it.</summary>
public sealed record ConsoleChoice(string Id, ClusterAction Action);

/// <summary>One command as the transcript keeps it: when it ran, where, what it printed.</summary>
/// <param name="Prompt">The prompt it was typed at (<c>$</c> on the workstation, <c>root@node-2:~#</c> on a node).</param>
/// <param name="Acted">Whether it took one of the runbook's actions.</param>
public sealed record ConsoleLine(long AtMs, string Prompt, string Command, string Output, bool Failed, bool Acted = false);

/// <summary>An action the console took: the runbook choice it is, when, and the command that took it.</summary>
public sealed record ConsoleStep(string ChoiceId, ClusterAction Action, long AtMs, string Command);

/// <summary>
/// The incident's terminal at virtual time <see cref="Now"/>: kubectl against the incident's API
/// (the API's view, stale where the control plane is down), ssh onto a node or the control-plane
/// host for the machines' own view (crictl, systemctl, journalctl, etcdctl), actions, and
/// <c>sleep</c>. Every command costs <see cref="CommandCostMs"/> of virtual time (plus what a
/// slow apiserver adds); an action runs at the moment it is typed. Actions are the runbook's
/// choices: a command that is none of them changes nothing. Deterministic: the same lines give
/// the same transcript and the same actions.
/// </summary>
public sealed class IncidentConsole
{
    /// <summary>A command line longer than this is refused.</summary>
    public const int MaxLineLength = 1000;

    /// <summary>The virtual time a command takes: typing it and reading what it prints.</summary>
    public const long CommandCostMs = 5_000;

    /// <summary>At most as many actions as a runbook answer takes.</summary>
    public const int MaxActions = 20;

    private readonly ScenarioSpec _spec;
    private readonly IReadOnlyList<ConsoleChoice>? _choices;
    private readonly Func<ScenarioSpec, long, ClusterView> _viewAt;
    private readonly List<ConsoleStep> _steps = [];
    private readonly List<ConsoleLine> _transcript = [];
    private (int Steps, long At, ClusterView View)? _cached;

    /// <param name="spec">The scenario (at its variant) whose incident this is.</param>
    /// <param name="startMs">When the console opens: the runbook's first moment.</param>
    /// <param name="choices">The runbook's choices; null: a console that only reads.</param>
    /// <param name="viewAt">How to get the cluster at a moment (default: simulate it).</param>
    public IncidentConsole(ScenarioSpec spec, long startMs, IReadOnlyList<ConsoleChoice>? choices = null, Func<ScenarioSpec, long, ClusterView>? viewAt = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(startMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startMs, spec.DurationMs);
        (_spec, _choices, Now) = (spec, choices, startMs);
        _viewAt = viewAt ?? ((s, at) => Simulator.ViewAt(s, at));
    }

    /// <summary>The console's virtual time.</summary>
    public long Now { get; private set; }

    /// <summary>The machine the operator is on: null for the workstation, else a node or <c>control-plane</c>.</summary>
    public string? Host { get; private set; }

    public string Prompt => Host is null ? "$" : $"root@{Host}:~#";

    public IReadOnlyList<ConsoleStep> Steps => _steps;

    public IReadOnlyList<ConsoleLine> Transcript => _transcript;

    /// <summary>Runs one command line and keeps it in the transcript.</summary>
    public ConsoleLine Run(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (at, prompt, actions) = (Now, Prompt, _steps.Count);
        var result = Execute(line);
        Now = Math.Min(_spec.DurationMs, Now + result.CostMs);
        var entry = new ConsoleLine(at, prompt, line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line, result.Output, result.Failed, _steps.Count > actions);
        _transcript.Add(entry);
        return entry;
    }

    /// <summary>The actions as a runbook answer: choice ids with their delays (<c>drain@+10s,restart-kubelet</c>).</summary>
    public string RunbookAnswer(long firstActionAtMs)
    {
        var parts = new List<string>();
        var previous = firstActionAtMs;
        foreach (var step in _steps)
        {
            var delay = step.AtMs - previous;
            parts.Add(delay == 0 ? step.ChoiceId : $"{step.ChoiceId}@+{delay / 1000}s");
            previous = step.AtMs;
        }
        return string.Join(",", parts);
    }

    /// <summary>
    /// The object names kubectl's completion would get from the API now (pods and replica sets),
    /// none while the API does not answer: for Tab completion.
    /// </summary>
    public IReadOnlyList<string> ObjectNames()
    {
        var view = View();
        return view.Api.Available
            ? [.. view.Pods.Select(p => p.Name), .. view.Workloads.Select(w => w.ReplicaSet).OfType<string>()]
            : [];
    }

    private readonly record struct Result(string Output, bool Failed, long CostMs);

    private static Result Said(string output, long cost = CommandCostMs) => new(output, false, cost);

    private static Result Error(string output, long cost = CommandCostMs) => new(output, true, cost);

    /// <summary>The cluster now, with the actions taken so far; simulated once per moment.</summary>
    private ClusterView View()
    {
        if (_cached is { } c && c.Steps == _steps.Count && c.At == Now)
        {
            return c.View;
        }
        var spec = _spec with { Timeline = [.. _spec.Timeline, .. _steps.Select(s => (TimelineEntry)new ActionEntry(s.AtMs, s.Action))] };
        var view = _viewAt(spec, Now);
        _cached = (_steps.Count, Now, view);
        return view;
    }

    private Result Execute(string line)
    {
        if (line.Length > MaxLineLength)
        {
            return Error($"practice: a command line is at most {MaxLineLength} characters; this one has {line.Length}", 0);
        }
        var (words, problem) = ShellWords.Split(line);
        if (problem is not null)
        {
            return Error(problem, 0);
        }
        var args = words.ToList();
        if (args is ["sudo", .. var rest])
        {
            args = rest;
        }
        if (args.Count == 0)
        {
            return Said("", 0);
        }
        var tool = args[0];
        var tail = args.Skip(1).ToList();
        return tool switch
        {
            "kubectl" or "k" => Kubectl(tail),
            "ssh" => Ssh(tail),
            "exit" or "logout" => Exit(),
            "crictl" => OnHost(tool, node: true) ?? Crictl(tail),
            "systemctl" => OnHost(tool, node: false) ?? Systemctl(tail, line),
            "journalctl" => OnHost(tool, node: false) ?? Journalctl(tail),
            "etcdctl" => OnControlPlane(tool) ?? Etcdctl(tail, line),
            "sleep" or "wait" => Sleep(tool, tail),
            "help" => Said(Help),
            "clear" or "date" or "hostname" or "whoami" or "pwd" => Said(Misc(tool)),
            _ => Error($"bash: {tool}: command not found", 0),
        };
    }

    public const string Help = """
        On your workstation:
          kubectl get nodes|pods|deployments|replicasets|daemonsets|statefulsets|services|endpointslices|leases|events [NAME] [-o wide|yaml|json|name] [-A] [-n NS] [-l SEL] [--field-selector SEL]
          kubectl describe node|pod NAME    kubectl logs POD [--previous] [--tail N]
          kubectl cordon|uncordon NODE      kubectl drain NODE --ignore-daemonsets
          kubectl delete pod NAME           kubectl scale deployment/NAME --replicas=N
          ssh NODE | ssh control-plane      sleep 30 (let time pass)
        On a machine (after ssh):
          crictl ps [-a]                    systemctl status|restart UNIT
          journalctl -u UNIT [-n 20]        etcdctl member list | endpoint status | snapshot restore FILE  (control-plane)
          exit
        Every command takes 5 s of the incident's time; actions run when you type them.
        """;

    private string Misc(string tool) => tool switch
    {
        "date" => (KubeTime.Epoch + TimeSpan.FromMilliseconds(Now)).ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture),
        "hostname" => Host ?? "workstation",
        "whoami" => Host is null ? "oncall" : "root",
        "pwd" => Host is null ? "/home/oncall" : "/root",
        _ => "",
    };

    // ------------------------------------------------------------------ where the operator is

    private Result Ssh(List<string> args)
    {
        var target = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (target is null)
        {
            return Error("usage: ssh destination", 0);
        }
        target = target.Contains('@', StringComparison.Ordinal) ? target[(target.IndexOf('@', StringComparison.Ordinal) + 1)..] : target;
        if (Host is not null)
        {
            return Error($"practice: you are on {Host}; type exit first, then ssh {target}", 0);
        }
        var host = View().Hosts.FirstOrDefault(h => h.Name == target);
        if (host is null)
        {
            return Error($"ssh: Could not resolve hostname {target}: Name or service not known");
        }
        if (host.Unreachable is not null)
        {
            return Error($"ssh: connect to host {target} port 22: No route to host");
        }
        Host = target;
        return Said($"Welcome to {target} (Debian GNU/Linux 12)");
    }

    private Result Exit()
    {
        if (Host is null)
        {
            return Error("practice: you are on your workstation; exit leaves a machine you reached with ssh", 0);
        }
        var left = Host;
        Host = null;
        return Said($"logout\nConnection to {left} closed.", 0);
    }

    private Result? OnHost(string tool, bool node)
    {
        if (Host is null)
        {
            return Error($"bash: {tool}: command not found (it runs on the machines: ssh node-1 first)", 0);
        }
        return node && Host == ClusterView.ControlPlaneHost
            ? Error($"bash: {tool}: command not found (the control-plane host runs its components as services; crictl is on the nodes)", 0)
            : null;
    }

    private Result? OnControlPlane(string tool) =>
        Host == ClusterView.ControlPlaneHost ? null
        : Error($"bash: {tool}: command not found (it runs on the control-plane host: ssh {ClusterView.ControlPlaneHost})", 0);

    /// <summary>The machine the operator is on, as it is now; null if it went away under them (then the session dropped).</summary>
    private HostView? CurrentHost(out Result? dropped)
    {
        dropped = null;
        var host = View().Hosts.FirstOrDefault(h => h.Name == Host);
        if (host is null || host.Unreachable is not null)
        {
            var name = Host;
            Host = null;
            dropped = Error($"Connection to {name} closed by remote host.\nConnection to {name} closed.");
            return null;
        }
        return host;
    }

    private Result Sleep(string tool, List<string> args)
    {
        if (args is not [var text])
        {
            return Error(tool == "sleep" ? "sleep: missing operand\nTry 'sleep --help' for more information." : "usage: wait DURATION (30, 30s, 2m)", 0);
        }
        var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400
            ? (ms: seconds * 1000, true)
            : KubeTime.TryParseVirtual(text, out var parsed) ? (ms: parsed, true) : (ms: 0L, false);
        if (!ok.Item2)
        {
            return Error($"{tool}: invalid time interval '{text}'\nTry '{tool} --help' for more information.", 0);
        }
        var cost = Math.Min(ok.ms, _spec.DurationMs - Now);
        return Said(cost < ok.ms ? $"practice: the incident ends at {Durations.Clock(_spec.DurationMs)}" : "", cost);
    }

    // ------------------------------------------------------------------ kubectl

    private Result Kubectl(List<string> args)
    {
        if (args.Count == 0)
        {
            return Said("kubectl controls the Kubernetes cluster manager.\n\n" + Help);
        }
        var api = new IncidentApi(View());
        var verb = args[0];
        var rest = args.Skip(1).ToList();
        return verb switch
        {
            "get" => Get(api, args),
            "cordon" or "uncordon" => Cordon(api, verb, rest),
            "drain" => Drain(api, rest),
            "delete" => Delete(api, rest),
            "scale" => Scale(api, rest),
            "describe" => Describe(api, rest),
            "logs" => Logs(api, rest),
            "rollout" or "edit" or "patch" or "apply" or "create" or "exec" or "top" or "label" or "annotate" or "taint" =>
                Error($"practice: 'kubectl {verb}' is not available in this console; it runs get, describe, logs, cordon, uncordon, drain, delete pod and scale (type help)"),
            _ => Error($"error: unknown command \"{verb}\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\nRun 'kubectl --help' for usage.", 0),
        };
    }

    /// <summary>
    /// <c>kubectl logs POD [--previous] [--tail N]</c>: the apiserver asks the pod's kubelet, so a
    /// kubelet that is down (or a node that is off) fails the call as the real one fails it; the
    /// lines are what the container printed, from the run's trace: its start, and its exit.
    /// </summary>
    private Result Logs(IncidentApi api, List<string> args)
    {
        var previous = false;
        var tail = int.MaxValue;
        string? name = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-p" or "--previous" or "--previous=true":
                    previous = true;
                    break;
                case "--tail" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    (tail, i) = (n, i + 1);
                    break;
                case var t when t.StartsWith("--tail=", StringComparison.Ordinal) && int.TryParse(t["--tail=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    tail = n;
                    break;
                case "-f" or "--follow":
                    return Error("practice: this console does not follow logs; run kubectl logs again later", 0);
                case "-c" or "--container" when i + 1 < args.Count:
                    i++;
                    break;
                case var flag when flag.StartsWith('-'):
                    return Error($"error: unknown flag: {flag.Split('=')[0]}\nSee 'kubectl logs --help' for usage.", 0);
                default:
                    name ??= args[i].StartsWith("pod/", StringComparison.Ordinal) ? args[i][4..] : args[i];
                    break;
            }
        }
        if (name is null)
        {
            return Error("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples", 0);
        }
        if (Unreachable(api, $"/api/v1/namespaces/default/pods/{name}") is { } failure)
        {
            return Error(failure);
        }
        var pod = api.View.Pods.First(p => p.Name == name);
        var container = pod.Workload;
        if (pod.Node is null || pod.LastStartedAtMs is null)
        {
            return Error($"Error from server (BadRequest): container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        }
        var host = api.View.Hosts.FirstOrDefault(h => h.Name == pod.Node);
        var node = api.View.Nodes.First(n => n.Name == pod.Node);
        var url = $"https://{KubeObjects.NodeIp(node)}:10250/containerLogs/default/{name}/{container}";
        if (host is null || host.Unreachable is not null)
        {
            return Error($"Error from server: Get \"{url}\": dial tcp {KubeObjects.NodeIp(node)}:10250: connect: no route to host");
        }
        if (host.Units.First(u => u.Component == Component.Kubelet).Fault is "down" or "crashloop")
        {
            return Error($"Error from server: Get \"{url}\": dial tcp {KubeObjects.NodeIp(node)}:10250: connect: connection refused");
        }
        // The container's runs: each starts at a start or restart and ends at a crash or kill.
        var runs = new List<List<string>>();
        foreach (var e in api.View.Trace.Events)
        {
            if (e.AtMs > Now || !e.Reason.StartsWith(name + " ", StringComparison.Ordinal))
            {
                continue;
            }
            var at = (KubeTime.Epoch + TimeSpan.FromMilliseconds(e.AtMs)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            switch (e.Kind)
            {
                case "ContainerStarted" or "ContainerRestarted":
                    runs.Add([$"{at} {container} 1.0 starting", $"{at} listening on :8080"]);
                    break;
                case "ContainerCrashed" when runs.Count > 0:
                    runs[^1].Add($"{at} fatal: cannot load configuration: exiting with status 1");
                    break;
                case "ContainerKilled" when runs.Count > 0:
                    runs[^1].Add($"{at} received SIGTERM: shutting down");
                    break;
            }
        }
        if (previous && runs.Count < 2)
        {
            return Error($"Error from server (BadRequest): previous terminated container \"{container}\" in pod \"{name}\" not found");
        }
        var lines = runs.Count == 0 ? [] : previous ? runs[^2] : runs[^1];
        return Said(string.Join("\n", lines.TakeLast(tail)));
    }

    private Result Describe(IncidentApi api, List<string> args)
    {
        var words = args.Where(a => !a.StartsWith('-')).ToList();
        var (kind, name) = KindAndName(words);
        if (kind.Length == 0)
        {
            return Error("practice: describe here reads one node or pod: kubectl describe node NAME, kubectl describe pod NAME", 0);
        }
        var (text, ok) = KubectlDescribe.Describe(api, kind, name);
        return new Result(text, !ok, CommandCostMs + Math.Min(api.View.Api.DelayMs, IncidentApi.RequestTimeoutMs));
    }

    private Result Get(IncidentApi api, List<string> args)
    {
        var words = args.ToArray();
        if (words is ["get"])
        {
            return Error("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples", 0);
        }
        if (KubectlGet.Read(words, out var output, out var allNamespaces, out var namespaced) is not { } request)
        {
            var format = args.SkipWhile(a => a is not ("-o" or "--output")).Skip(1).FirstOrDefault()
                ?? args.FirstOrDefault(a => a.StartsWith("-o", StringComparison.Ordinal) && a.Length > 2)?[2..].TrimStart('=')
                ?? args.FirstOrDefault(a => a.StartsWith("--output=", StringComparison.Ordinal))?["--output=".Length..];
            if (format is not null && format is not ("wide" or "yaml" or "json" or "name"))
            {
                var kubectlKnows = format.Split('=')[0] is "custom-columns" or "custom-columns-file" or "go-template" or "go-template-file" or "jsonpath"
                    or "jsonpath-as-json" or "jsonpath-file" or "template" or "templatefile";
                return Error(kubectlKnows
                    ? $"practice: this console prints -o wide, yaml, json and name, not -o {format.Split('=')[0]}"
                    : $"Error: unable to match a printer suitable for the output format \"{format}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml", 0);
            }
            var flag = args.Skip(2).FirstOrDefault(a => a.StartsWith('-'));
            return flag is not null
                ? Error($"error: unknown flag: {flag.Split('=')[0]}\nSee 'kubectl get --help' for usage.", 0)
                : Error($"error: the server doesn't have a resource type \"{args[1]}\"");
        }
        var printed = KubectlGet.Print(api, request, output, allNamespaces, namespaced);
        return new Result((printed.Out + printed.Err).TrimEnd('\n'), !printed.Ok, CommandCostMs + Math.Min(printed.DelayMs, IncidentApi.RequestTimeoutMs));
    }

    /// <summary>The read kubectl starts with (it gets the object first): its failure as kubectl prints it, or null.</summary>
    private static string? Unreachable(IncidentApi api, string path) => KubectlGet.ErrorLine(api.Handle(new ApiRequest("GET", path)));

    /// <summary>An object as kubectl names it on the command line: <c>kind/name</c> or <c>kind name</c>; empty when it is neither.</summary>
    private static (string Kind, string Name) KindAndName(List<string> words) => words switch
    {
        [var slashed] when slashed.IndexOf('/', StringComparison.Ordinal) is > 0 and var at => (slashed[..at], slashed[(at + 1)..]),
        [var kind, var name] => (kind, name),
        _ => ("", ""),
    };

    private Result Cordon(IncidentApi api, string verb, List<string> args)
    {
        if (args.FirstOrDefault(a => !a.StartsWith('-')) is not { } node)
        {
            return Error($"error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples", 0);
        }
        if (Unreachable(api, $"/api/v1/nodes/{node}") is { } failure)
        {
            return Error(failure);
        }
        var cordoned = api.View.Nodes.First(n => n.Name == node).Unschedulable;
        if (cordoned == (verb == "cordon"))
        {
            return Said($"node/{node} already {verb}ed");
        }
        return Act(verb == "cordon" ? new CordonAction(node) : new UncordonAction(node), $"kubectl {verb} {node}", $"node/{node} {verb}ed");
    }

    private Result Drain(IncidentApi api, List<string> args)
    {
        var node = args.FirstOrDefault(a => !a.StartsWith('-'));
        var unknown = args.FirstOrDefault(a => a.StartsWith('-') && a.Split('=')[0] is not ("--ignore-daemonsets" or "--delete-emptydir-data" or "--force" or "--grace-period" or "--timeout"));
        if (unknown is not null)
        {
            return Error($"error: unknown flag: {unknown.Split('=')[0]}\nSee 'kubectl drain --help' for usage.", 0);
        }
        if (node is null)
        {
            return Error("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples", 0);
        }
        if (Unreachable(api, $"/api/v1/nodes/{node}") is { } failure)
        {
            return Error(failure);
        }
        var pods = api.View.Pods.Where(p => p.Node == node && !p.Terminating).ToList();
        var daemons = pods.Where(p => p.WorkloadKind == "DaemonSet").Select(p => $"default/{p.Name}").ToList();
        if (daemons.Count > 0 && !args.Contains("--ignore-daemonsets"))
        {
            // kubectl cordons first, then refuses to evict DaemonSet pods without the flag.
            var refusal = $"error: unable to drain node \"{node}\" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {string.Join(", ", daemons)}, continuing command...\n"
                + $"There are pending nodes to be drained:\n {node}\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {string.Join(", ", daemons)}";
            return Error(refusal);
        }
        var lines = new List<string> { $"node/{node} cordoned" };
        if (daemons.Count > 0)
        {
            lines.Add($"Warning: ignoring DaemonSet-managed Pods: {string.Join(", ", daemons)}");
        }
        var evicted = pods.Where(p => p.WorkloadKind is "Deployment" or "StatefulSet").ToList();
        lines.AddRange(evicted.Select(p => $"evicting pod default/{p.Name}"));
        lines.AddRange(evicted.Select(p => $"pod/{p.Name} evicted"));
        lines.Add($"node/{node} drained");
        return Act(new DrainAction(node), $"kubectl drain {node} --ignore-daemonsets", string.Join("\n", lines));
    }

    private Result Delete(IncidentApi api, List<string> args)
    {
        var words = args.Where(a => !a.StartsWith('-')).ToList();
        var (kind, name) = KindAndName(words);
        if (kind.Length == 0)
        {
            return Error("error: you must specify the type of resource and its name to delete (kubectl delete pod NAME)", 0);
        }
        if (kind is not ("pod" or "pods" or "po"))
        {
            return Error($"practice: this console deletes pods only, not {kind}");
        }
        if (Unreachable(api, $"/api/v1/namespaces/default/pods/{name}") is { } failure)
        {
            return Error(failure);
        }
        var pod = api.View.Pods.First(p => p.Name == name);
        return Act(new DeletePodAction(pod.Workload, pod.Node), $"kubectl delete pod {name}", $"pod \"{name}\" deleted");
    }

    private Result Scale(IncidentApi api, List<string> args)
    {
        int? replicas = null;
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var value = arg.StartsWith("--replicas=", StringComparison.Ordinal) ? arg["--replicas=".Length..]
                : arg == "--replicas" && i + 1 < args.Count ? args[++i]
                : null;
            if (value is not null)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1000)
                {
                    return Error($"error: invalid argument \"{value}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax", 0);
                }
                replicas = n;
            }
            else if (arg.StartsWith('-'))
            {
                return Error($"error: unknown flag: {arg.Split('=')[0]}\nSee 'kubectl scale --help' for usage.", 0);
            }
            else
            {
                words.Add(arg);
            }
        }
        if (replicas is null)
        {
            return Error("error: required flag(s) \"replicas\" not set", 0);
        }
        var (kind, name) = KindAndName(words);
        var (plural, shown) = kind switch
        {
            "deployment" or "deployments" or "deploy" => ("deployments", "deployment.apps"),
            "statefulset" or "statefulsets" or "sts" => ("statefulsets", "statefulset.apps"),
            "" => ("", ""),
            _ => ("?", kind),
        };
        if (plural.Length == 0)
        {
            return Error("error: you must specify the type of resource and its name to scale (kubectl scale deployment/NAME --replicas=N)", 0);
        }
        if (plural == "?")
        {
            return Error($"error: the server doesn't have a resource type \"{kind}\"");
        }
        if (Unreachable(api, $"/apis/apps/v1/namespaces/default/{plural}/{name}") is { } failure)
        {
            return Error(failure);
        }
        return Act(new ScaleAction(name, replicas.Value), $"kubectl scale {plural[..^1]}/{name} --replicas={replicas}", $"{shown}/{name} scaled");
    }

    /// <summary>Takes an action if the runbook offers it; a command the runbook does not offer changes nothing.</summary>
    private Result Act(ClusterAction action, string command, string output)
    {
        if (_choices is null)
        {
            return Error("practice: this console only reads: no question here takes actions");
        }
        if (Now >= _spec.DurationMs)
        {
            return Error($"practice: the incident is over ({Durations.Clock(_spec.DurationMs)}): nothing more happens", 0);
        }
        var choice = _choices.FirstOrDefault(c => c.Action == action)
            ?? (action is DeletePodAction d ? _choices.FirstOrDefault(c => c.Action is DeletePodAction { Node: null } any && any.Workload == d.Workload) : null);
        if (choice is null)
        {
            return Error($"practice: '{command}' is not one of this runbook's actions, so it was not run (the question lists the actions it offers)");
        }
        if (_steps.Count >= MaxActions)
        {
            return Error($"practice: a runbook takes at most {MaxActions} actions");
        }
        _steps.Add(new ConsoleStep(choice.Id, choice.Action, Now, command));
        return Said(output);
    }

    // ------------------------------------------------------------------ on a machine

    private Result Crictl(List<string> args)
    {
        if (CurrentHost(out var dropped) is not { } host)
        {
            return dropped!.Value;
        }
        if (args is not (["ps"] or ["ps", "-a"] or ["ps", "--all"]))
        {
            return args.Count > 0 && args[0] != "ps"
                ? Error($"crictl: No help topic for '{args[0]}'", 0)
                : Error("practice: crictl here runs: crictl ps [-a]", 0);
        }
        if (host.Units.First(u => u.Component == Component.ContainerRuntime).Fault is "down" or "crashloop")
        {
            return Error("FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint \"unix:///run/containerd/containerd.sock\": rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused\"");
        }
        var all = args.Count == 2;
        var rows = new List<string[]> { new[] { "CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD" } };
        foreach (var c in host.Containers.Where(c => all || c.State == "Running"))
        {
            rows.Add([Id("c", c.PodId, c.Attempt), $"registry.example/{c.Name}:1.0", Ago(Now - c.StartedAtMs), c.State, c.Name,
                c.Attempt.ToString(CultureInfo.InvariantCulture), Id("p", c.PodId, 0), c.Pod]);
        }
        return Said(Columns(rows, minWidth: 20));
    }

    private Result Systemctl(List<string> args, string line)
    {
        if (CurrentHost(out var dropped) is not { } host)
        {
            return dropped!.Value;
        }
        if (args is not [var verb, var unitName] || verb is not ("status" or "restart" or "start"))
        {
            return Error("practice: systemctl here runs: systemctl status UNIT, systemctl restart UNIT", 0);
        }
        var name = unitName.EndsWith(".service", StringComparison.Ordinal) ? unitName[..^".service".Length] : unitName;
        var unit = host.Units.FirstOrDefault(u => u.Unit == name);
        if (unit is null)
        {
            return verb == "status"
                ? Error($"Unit {name}.service could not be found.")
                : Error($"Failed to {verb} {name}.service: Unit {name}.service not found.");
        }
        if (verb != "status")
        {
            var node = host.Name == ClusterView.ControlPlaneHost ? null : host.Name;
            return Act(new RestartAction(unit.Component, node), line.Trim(), "");
        }
        var journal = Journal(host, unit).TakeLast(10).ToList();
        var active = unit.Fault switch
        {
            null or "slow" => "active (running)",
            "crashloop" => "activating (auto-restart) (Result: exit-code)",
            "corrupt" => "failed (Result: exit-code)",
            _ => "failed (Result: signal)",
        };
        var text = $"● {name}.service - {Describe(unit.Component)}\n"
            + $"     Loaded: loaded (/lib/systemd/system/{name}.service; enabled; preset: enabled)\n"
            + $"     Active: {active}\n\n"
            + string.Join("\n", journal);
        return unit.Fault is null or "slow" ? Said(text.TrimEnd()) : Error(text.TrimEnd());
    }

    private Result Journalctl(List<string> args)
    {
        if (CurrentHost(out var dropped) is not { } host)
        {
            return dropped!.Value;
        }
        string? unitName = null;
        var lines = int.MaxValue;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-u" or "--unit" when i + 1 < args.Count:
                    unitName = args[++i];
                    break;
                case "-n" or "--lines" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    (lines, i) = (n, i + 1);
                    break;
                case "--no-pager" or "-e" or "--pager-end":
                    break;
                case var a when a.StartsWith("-u", StringComparison.Ordinal) && a.Length > 2:
                    unitName = a[2..].TrimStart('=');
                    break;
                case "-f" or "--follow":
                    return Error("practice: this console does not follow logs; use -n 20 and run it again later", 0);
                default:
                    return Error($"journalctl: unrecognized option '{args[i]}'", 0);
            }
        }
        if (unitName is null)
        {
            return Error("practice: journalctl here needs a unit: journalctl -u kubelet -n 20", 0);
        }
        var name = unitName.EndsWith(".service", StringComparison.Ordinal) ? unitName[..^".service".Length] : unitName;
        var unit = host.Units.FirstOrDefault(u => u.Unit == name);
        var journal = unit is null ? [] : Journal(host, unit);
        return Said(journal.Count == 0 ? "-- No entries --" : string.Join("\n", journal.TakeLast(lines)));
    }

    /// <summary>What the unit logged up to now, from the run's trace: its component's own events and the faults that hit it.</summary>
    private List<string> Journal(HostView host, UnitView unit)
    {
        var component = Components.NameOf(unit.Component);
        var onNode = host.Name == ClusterView.ControlPlaneHost ? null : host.Name;
        var pid = 1000 + (int)unit.Component * 37 + (onNode?.Length ?? 0);
        var lines = new List<string>();
        foreach (var e in View().Trace.Events)
        {
            if (e.AtMs > Now)
            {
                break;
            }
            var mine = onNode is null
                ? e.Component == component
                : e.Component == component && (e.Subject == onNode || e.Reason.Contains($" {onNode}", StringComparison.Ordinal));
            var fault = e.Component == "fault" && e.Subject == component && (onNode is null || e.Reason.Contains($" {onNode}", StringComparison.Ordinal));
            if (mine)
            {
                lines.Add($"{Stamp(e.AtMs)} {host.Name} {unit.Unit}[{pid}]: {e.Reason}");
            }
            else if (fault)
            {
                lines.Add($"{Stamp(e.AtMs)} {host.Name} systemd[1]: {unit.Unit}.service: {e.Reason}");
            }
        }
        return lines;
    }

    private Result Etcdctl(List<string> args, string line)
    {
        var view = View();
        var members = view.EtcdMembers;
        string Peer(EtcdMemberView m, int port) => $"https://10.0.0.{m.Index + 2}:{port}";
        string MemberId(EtcdMemberView m) => ((ulong)(m.Index + 1) * 0x9E3779B97F4A7C15UL).ToString("x16", CultureInfo.InvariantCulture);
        var quorum = members.Count(m => m.Up) >= members.Count / 2 + 1;
        // Flags that take a value (the TLS files, endpoints, the restore's data dir, the output format) with or without '='.
        var words = new List<string>();
        var format = "simple";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var flag = arg.Split('=')[0];
            var value = arg.Contains('=', StringComparison.Ordinal) ? arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]
                : flag is "-w" or "--write-out" or "--data-dir" or "--endpoints" or "--cacert" or "--cert" or "--key" or "--name"
                    or "--initial-cluster" or "--initial-cluster-token" or "--initial-advertise-peer-urls" && i + 1 < args.Count ? args[++i]
                : null;
            if (flag is "-w" or "--write-out")
            {
                format = value ?? "";
            }
            else if (!arg.StartsWith('-'))
            {
                words.Add(arg);
            }
        }
        if (format is not ("simple" or "table"))
        {
            return Error($"Error: unsupported output format \"{format}\" in this console (simple or table)", 0);
        }
        var table = format == "table";
        switch (words)
        {
            case ["member", "list"]:
                if (!quorum)
                {
                    return Error("{\"level\":\"warn\",\"msg\":\"retrying of unary invoker failed\",\"error\":\"rpc error: code = DeadlineExceeded desc = context deadline exceeded\"}\nError: context deadline exceeded", CommandCostMs + IncidentApi.EtcdRequestTimeoutMs);
                }
                var rows = members.Select(m => new[] { MemberId(m), "started", m.Name, Peer(m, 2380), Peer(m, 2379), "false" }).ToList();
                return Said(table
                    ? Boxed([["ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"], .. rows])
                    : string.Join("\n", rows.Select(r => string.Join(", ", r))));
            case ["endpoint", "status"] or ["endpoint", "health"]:
                var lines = new List<string>();
                var statusRows = new List<string[]>();
                foreach (var m in members)
                {
                    if (!m.Up)
                    {
                        lines.Add($"{{\"level\":\"warn\",\"msg\":\"failed to get the status of endpoint\",\"endpoint\":\"{Peer(m, 2379)}\",\"error\":\"context deadline exceeded\"}}");
                        continue;
                    }
                    if (words[1] == "health")
                    {
                        lines.Add(quorum ? $"{Peer(m, 2379)} is healthy: successfully committed proposal: took = 2.1ms" : $"{Peer(m, 2379)} is unhealthy: failed to commit proposal: context deadline exceeded");
                        continue;
                    }
                    statusRows.Add([Peer(m, 2379), MemberId(m), "3.5.21", "20 MB", m.Leader ? "true" : "false", "false"]);
                }
                var text = string.Join("\n", lines);
                if (statusRows.Count > 0)
                {
                    var body = table
                        ? Boxed([["ENDPOINT", "ID", "VERSION", "DB SIZE", "IS LEADER", "IS LEARNER"], .. statusRows])
                        : string.Join("\n", statusRows.Select(r => string.Join(", ", r)));
                    text = text.Length == 0 ? body : text + "\n" + body;
                }
                var failed = members.Any(m => !m.Up) || (words[1] == "health" && !quorum);
                return new Result(text, failed, CommandCostMs + (members.Any(m => !m.Up) ? 5_000 : 0));
            case ["snapshot", "restore", var file]:
                if (_spec.Cluster.SnapshotAtMs is not { } taken || taken > Now)
                {
                    return Error($"Error: open {file}: no such file or directory");
                }
                return Act(new RestoreEtcdAction(), line.Trim(),
                    $"Deprecated: Use `etcdutl snapshot restore` instead.\n\n{Stamp(Now)} info snapshot/v3_snapshot.go: restored snapshot {{\"path\": \"{file}\", \"taken\": \"{Durations.Clock(taken)}\"}}");
            case ["snapshot", "restore"]:
                return Error("Error: snapshot path is required", 0);
            default:
                return Error("practice: etcdctl here runs: member list, endpoint status, endpoint health, snapshot restore FILE (add -w table for a table)", 0);
        }
    }

    // ------------------------------------------------------------------ text

    private static string Describe(Component component) => component switch
    {
        Component.Kubelet => "kubelet: The Kubernetes Node Agent",
        Component.ContainerRuntime => "containerd container runtime",
        Component.KubeProxy => "kube-proxy: the Service rules on this node",
        Component.CsiNode => "CSI node plugin",
        Component.Etcd => "etcd key-value store",
        _ => $"Kubernetes {Components.NameOf(component)}",
    };

    private static string Id(string kind, int pod, int attempt) =>
        ((ulong)(pod + 1) * 0x9E3779B97F4A7C15UL ^ (ulong)attempt * 0xBF58476D1CE4E5B9UL ^ (kind == "p" ? 0x94D049BB133111EBUL : 0))
            .ToString("x16", CultureInfo.InvariantCulture)[..13];

    /// <summary>crictl's CREATED: go-units' HumanDuration and "ago".</summary>
    private static string Ago(long ms)
    {
        var seconds = ms / 1000;
        return seconds < 1 ? "Less than a second ago"
            : seconds == 1 ? "1 second ago"
            : seconds < 60 ? $"{seconds} seconds ago"
            : seconds / 60 == 1 ? "About a minute ago"
            : seconds < 3600 ? $"{seconds / 60} minutes ago"
            : seconds / 3600 == 1 ? "About an hour ago"
            : $"{seconds / 3600} hours ago";
    }

    private static string Stamp(long atMs) =>
        (KubeTime.Epoch + TimeSpan.FromMilliseconds(atMs)).ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Columns padded as Go's tabwriter pads them (at least <paramref name="minWidth"/>, 3 spaces between); the last is not padded.</summary>
    private static string Columns(List<string[]> rows, int minWidth)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => Math.Max(minWidth, rows.Max(r => r[i].Length) + 3)).ToArray();
        return string.Join("\n", rows.Select(r => string.Concat(r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i])))));
    }

    /// <summary>etcdctl's <c>-w table</c>: cells boxed in +---+ lines.</summary>
    private static string Boxed(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length) + 2).ToArray();
        var rule = "+" + string.Join("+", widths.Select(w => new string('-', w))) + "+";
        string Line(string[] r) => "|" + string.Join("|", r.Select((c, i) => (" " + c).PadRight(widths[i]))) + "|";
        return string.Join("\n", new[] { rule, Line(rows[0]), rule }.Concat(rows.Skip(1).Select(Line)).Append(rule));
    }
}
