using Practice.Simulation.Model;

namespace Practice.Simulation;

/// <summary>
/// Runs a scenario through the cluster model in virtual time and returns its trace.
/// Pure: no clock, no I/O, no threads; the same spec and seed give the same trace byte for byte.
/// </summary>
/// <remarks>
/// <para>Timings come from <see cref="TimingProfile.For"/> (default Kubernetes 1.34; 1.31 differs in the
/// 40 s node-monitor grace period) with the scenario's overrides applied.</para>
/// <para>At 0 s the cluster is already running: etcd-1 leads, the first replica of each leader-elected
/// component holds its lease, every node is Ready; the workloads are then applied as
/// <c>kubectl apply</c> would, so the Deployment → ReplicaSet → Pod → bind → start → Ready → endpoint
/// chain is in the trace. A pod is Ready while its container runs unless its workload declares a
/// readiness probe (Components/ProbeManager.cs);
/// the phases Failed and Unknown are never produced (pods on a lost node stay Running with
/// Ready=false, then Terminating after eviction, as current Kubernetes shows them).</para>
/// <para>The cost is proportional to events, not to pods × time: one lease timer per node, one
/// monitor loop per controller, traffic recomputed per second only when something it depends on
/// changed. See docs/benchmarks.md.</para>
/// </remarks>
public static class Simulator
{
    /// <summary>
    /// Which model produced a run. Raised whenever a change to the model can change a run of an
    /// unchanged scenario, so runs stored by an older model are not graded against: stored runs
    /// are keyed by it, and the next import stores this model's runs.
    /// </summary>
    /// <remarks>2: the kubelet's back-offs (first crash restarts at once; image pulls, volume
    /// mounts and failed syncs retried on their back-offs), readiness probes, cordon no longer
    /// moving clients, leader election as client-go's (own observed time, jittered tries,
    /// release on a graceful stop), etcd's randomised election timeouts, and the node lifecycle
    /// controller stamping renewals with its own time.</remarks>
    public const int ModelRevision = 2;

    public static Trace Run(ScenarioSpec spec, SimulationLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        SimulationMetrics.Runs.Add(1, new KeyValuePair<string, object?>("scenario", spec.Id));
        limits ??= SimulationLimits.Default;
        if (spec.DurationMs > limits.MaxDurationMs)
        {
            throw new SimulationLimitException(
                $"scenario '{spec.Id}' asks for {Format.Duration(spec.DurationMs)} of virtual time; the limit is {Format.Duration(limits.MaxDurationMs)} (SimulationLimits.MaxDurationMs)");
        }
        var engine = new Engine(spec, limits, cancellationToken);
        return engine.Run();
    }

    /// <summary>
    /// The cluster as the API shows it at <paramref name="atMs"/>: the scenario run up to that
    /// moment (events at <paramref name="atMs"/> included), then its objects. Deterministic like
    /// <see cref="Run"/>: a run cut at T has exactly the events of the whole run up to T.
    /// </summary>
    public static ClusterView ViewAt(ScenarioSpec spec, long atMs, SimulationLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(atMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(atMs, spec.DurationMs);
        SimulationMetrics.Runs.Add(1, new KeyValuePair<string, object?>("scenario", spec.Id));
        var engine = new Engine(spec with { DurationMs = atMs }, limits ?? SimulationLimits.Default, cancellationToken);
        var trace = engine.Run();
        return ClusterView.From(engine, trace);
    }
}
