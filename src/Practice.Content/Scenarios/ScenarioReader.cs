using Practice.Content.Diagnostics;
using Practice.Content.Yaml;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Content.Scenarios;

/// <summary>
/// Reads the cluster, timeline and actions of a scenario's front matter into the engine's
/// <see cref="ScenarioSpec"/> shapes, reporting every problem with its position. One part per
/// section of the format: here the names and probes they check against;
/// <c>ScenarioReader.Cluster.cs</c> (cluster, workloads, timings) and
/// <c>ScenarioReader.Timeline.cs</c> (timeline, faults, actions).
/// </summary>
internal sealed partial class ScenarioReader(Problems problems, ScenarioNames names)
{
    public Problems Problems { get; } = problems;
    public ScenarioNames Names { get; } = names;

    private static readonly string[] ClusterFields = ["apiservers", "etcd", "schedulers", "controllerManagers", "nodes", "workloads", "snapshot"];
    private static readonly string[] NodeFields = ["name", "zone", "cpu", "memory", "maxPods", "labels"];
    private static readonly string[] WorkloadFields = ["kind", "name", "replicas", "requests", "service", "traffic", "volume", "crash", "node", "nodeSelector", "imagePullPolicy", "readinessProbe"];
    private static readonly string[] ReadinessFields = ["type", "period", "failureThreshold"];
    private static readonly string[] RequestFields = ["cpu", "memory"];
    private static readonly string[] CrashFields = ["after"];
    private static readonly string[] EntryFields = ["at", "fault", "recover", "action"];

    public static readonly IReadOnlyDictionary<string, string[]> ActionFields = new Dictionary<string, string[]>
    {
        ["restart"] = ["component", "node"],
        ["cordon"] = ["node"],
        ["uncordon"] = ["node"],
        ["drain"] = ["node"],
        ["delete-pod"] = ["workload", "node"],
        ["scale"] = ["workload", "replicas"],
        ["restore-etcd"] = [],
        ["add-node"] = ["name", "zone"],
        ["replace-node"] = ["node"],
        ["wait"] = ["for"],
        ["apply"] = ["workload"],
    };

    private static readonly string[] FaultShapes = ["component", "power", "vm", "partition", "etcd", "registry", "disk"];

    private static readonly Dictionary<string, string[]> FaultFields = new()
    {
        ["component"] = ["component", "node", "replica", "mode", "slow"],
        ["power"] = ["power", "node"],
        ["vm"] = ["vm", "node"],
        ["partition"] = ["partition", "from"],
        ["etcd"] = ["etcd", "count"],
        ["registry"] = ["registry"],
        ["disk"] = ["disk", "node"],
    };

    /// <summary>Timing overrides (<c>timings:</c>), named as in <see cref="TimingOverrides"/> without "Ms".</summary>
    public static readonly string[] TimingFields =
    [
        "nodeLeaseDuration", "nodeMonitorGracePeriod", "tolerationSeconds", "leaderLeaseDuration",
        "etcdElectionTimeout", "crashLoopInitialBackoff", "crashLoopMaxBackoff",
    ];

    /// <summary>A list of maps, each read by <paramref name="read"/>; null when any item is not a map or has problems (all are still read, so every problem is reported).</summary>
    private List<T>? ReadMaps<T>(YamlValue value, string field, Func<YamlMap, T?> read)
        where T : class
    {
        if (Read.List(value, Problems, field) is not { } list)
        {
            return null;
        }
        var items = new List<T>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (Read.Map(item, Problems, field) is { } map && read(map) is { } one)
            {
                items.Add(one);
            }
            else
            {
                ok = false;
            }
        }
        return ok ? items : null;
    }

    // ---------------------------------------------------------------- names

    private Component? ReadComponent(YamlValue? value, string field)
    {
        if (Read.Text(value, Problems, field) is not { } name)
        {
            return null;
        }
        if (Components.TryParse(name, out var component))
        {
            return component;
        }
        Problems.Error(value!.At, Suggest.Unknown("component", name, Components.Names));
        return null;
    }

    /// <summary>The optional <c>node:</c> beside a component: only per-node (data-plane) components take one.</summary>
    private string? ReadComponentNode(Fields f, Component component)
    {
        if (f["node"] is not { } value)
        {
            return null;
        }
        if (!Components.IsPerNode(component))
        {
            Problems.Error(f.KeyAt("node")!, $"{Components.NameOf(component)} is a control-plane component and takes no 'node'");
            return null;
        }
        return ReadNode(value, "node");
    }

    public string? ReadNode(YamlValue? value, string field)
    {
        if (Read.Slug(value, Problems, field) is not { } name)
        {
            return null;
        }
        if (!Names.HasNode(name))
        {
            Problems.Error(value!.At, Suggest.Unknown("node", name, Names.NodeList));
            return null;
        }
        return name;
    }

    private List<string>? ReadNodeList(YamlValue? value, string field)
    {
        if (value is YamlText)
        {
            return ReadNode(value, field) is { } single ? [single] : null;
        }
        if (Read.List(value, Problems, field) is not { } list)
        {
            return null;
        }
        if (list.Items.Count == 0)
        {
            Problems.Error(list.At, $"'{field}' needs at least one node");
            return null;
        }
        var nodes = list.Items.Select(i => ReadNode(i, field)).ToList();
        return nodes.Any(n => n is null) ? null : [.. nodes.OfType<string>()];
    }

    private string? ReadWorkload(YamlValue? value, string field)
    {
        if (Read.Slug(value, Problems, field) is not { } name)
        {
            return null;
        }
        if (!Names.HasWorkload(name))
        {
            Problems.Error(value!.At, Suggest.Unknown("workload", name, Names.Workloads));
            return null;
        }
        return name;
    }

    // ---------------------------------------------------------------- probes

    /// <summary>Parses a probe and checks the names and times it uses; errors land on the probe's own line and column.</summary>
    public Probe? ReadProbe(YamlValue? value, string field)
    {
        if (Read.Scalar(value, Problems, field, "a probe") is not { } text)
        {
            return null;
        }
        var parsed = ProbeParser.Parse(text.Value);
        foreach (var error in parsed.Errors)
        {
            Problems.Error(text.PositionOf(Math.Max(0, error.Column - 1)), error.Message);
        }
        if (parsed.Probe is not { } probe)
        {
            return null;
        }
        var invalid = probe.Validate(Names);
        foreach (var error in invalid)
        {
            Problems.Error(text.PositionOf(Math.Max(0, error.Column - 1)), error.Message);
        }
        return invalid.Count == 0 ? probe : null;
    }

    public EventRef? ReadEvent(YamlValue? value, string field)
    {
        if (Read.Scalar(value, Problems, field, "an event like PodScheduled(web)") is not { } text)
        {
            return null;
        }
        var parsed = ProbeParser.ParseEvent(text.Value);
        foreach (var error in parsed.Errors)
        {
            Problems.Error(text.PositionOf(Math.Max(0, error.Column - 1)), error.Message);
        }
        if (parsed.Event is not { } ev)
        {
            return null;
        }
        // Validate's columns assume the canonical spelling; find the subject where it is really written.
        var subjectIndex = text.Value.IndexOf(ev.Subject, text.Value.IndexOf('(', StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        var invalid = ev.Validate(Names);
        foreach (var error in invalid)
        {
            Problems.Error(text.PositionOf(subjectIndex >= 0 ? subjectIndex : error.Column - 1), error.Message);
        }
        return invalid.Count == 0 ? ev : null;
    }
}
