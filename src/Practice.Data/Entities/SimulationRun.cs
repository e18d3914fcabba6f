namespace Practice.Data;

/// <summary>
/// A simulation result reused across attempts: the scenario's own run per version (stored at
/// import) and runbook re-runs keyed by the version and the normalized actions. Deterministic,
/// so safe to share.
/// </summary>
public sealed class SimulationRun
{
    public required string Key { get; init; }
    public long ScenarioVersionId { get; init; }
    public required string TraceJson { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
