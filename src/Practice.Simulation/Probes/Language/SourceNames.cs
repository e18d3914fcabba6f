namespace Practice.Simulation.Probes.Language;

/// <summary>A finished run's names, so <see cref="Probe.Evaluate"/> can refuse a probe that does not fit it.</summary>
internal sealed class SourceNames(IProbeSource source) : IProbeNames
{
    public long DurationMs => source.DurationMs;
    public IEnumerable<string> Workloads => [];
    public IEnumerable<string> Services => [];
    public IEnumerable<string> Nodes => [];
    public bool HasWorkload(string name) => source.HasWorkload(name);
    public bool HasService(string name) => source.HasService(name);
    public bool HasNode(string name) => source.HasNode(name);
}
