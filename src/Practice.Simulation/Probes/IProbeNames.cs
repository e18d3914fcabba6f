using Practice.Simulation.Model;

namespace Practice.Simulation.Probes;

/// <summary>The names a scenario defines, for <see cref="Probe.Validate"/> before anything runs.</summary>
public interface IProbeNames
{
    bool HasWorkload(string name);
    bool HasService(string name);
    bool HasNode(string name);
    long DurationMs { get; }
    IEnumerable<string> Workloads { get; }
    IEnumerable<string> Services { get; }
    IEnumerable<string> Nodes { get; }
}

/// <summary>The names in a <see cref="ScenarioSpec"/>: its workloads, their Services, and its nodes.</summary>
/// <remarks>
/// Nodes are the cluster's plus those an <c>add-node</c> action names. A node added without a
/// name gets one from the engine, so a probe cannot be checked against it here.
/// </remarks>
public sealed class ScenarioProbeNames : IProbeNames
{
    private readonly HashSet<string> workloads;
    private readonly HashSet<string> services;
    private readonly HashSet<string> nodes;

    public ScenarioProbeNames(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Workloads = spec.Cluster.Workloads.Select(w => w.Name).Distinct().ToList();
        Services = spec.Cluster.Workloads.Select(w => w.Service).OfType<string>().Distinct().ToList();
        Nodes = spec.Cluster.Nodes.Select(n => n.Name)
            .Concat(spec.Timeline.OfType<ActionEntry>().Select(a => a.Action).OfType<AddNodeAction>().Select(a => a.Name).OfType<string>())
            .Distinct()
            .ToList();
        DurationMs = spec.DurationMs;
        workloads = [.. Workloads];
        services = [.. Services];
        nodes = [.. Nodes];
    }

    public long DurationMs { get; }
    public IEnumerable<string> Workloads { get; }
    public IEnumerable<string> Services { get; }
    public IEnumerable<string> Nodes { get; }

    public bool HasWorkload(string name) => workloads.Contains(name);
    public bool HasService(string name) => services.Contains(name);
    public bool HasNode(string name) => nodes.Contains(name);
}
