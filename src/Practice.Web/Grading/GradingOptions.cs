using Practice.Simulation;
using Practice.Simulation.Model;

namespace Practice.Web.Grading;

/// <summary><c>Practice:Grading</c> in configuration.</summary>
public sealed class GradingOptions
{
    /// <summary>
    /// Scenarios whose <see cref="ScenarioCost"/> is above this are graded by a Hangfire worker;
    /// the rest inline in the request. Calibrated from docs/benchmarks.md: a cost of 1,000,000 is
    /// a few milliseconds of simulation on one core.
    /// </summary>
    public long InlineCostLimit { get; set; } = 2_000_000;

    /// <summary>
    /// Most simulation events a runbook's re-run may take (<c>Practice:Grading:ReRunMaxEvents</c>);
    /// past it the attempt fails with the reason, and the learner can retry once an operator
    /// raises it. Default: the simulator's own guardrail.
    /// </summary>
    public long ReRunMaxEvents { get; set; } = SimulationLimits.Default.MaxEvents;

    public SimulationLimits ReRunLimits => new() { MaxEvents = ReRunMaxEvents };

    /// <summary>
    /// How many times the pending-attempt sweep queues one attempt (<c>Practice:Grading:SweepMaxTries</c>);
    /// an attempt still pending after that many jobs ends Failed, and the learner can grade it again.
    /// </summary>
    public int SweepMaxTries { get; set; } = 3;

    /// <summary>
    /// When the oldest pending attempt has waited longer than this (<c>Practice:Grading:StalledAfterSeconds</c>),
    /// the log warns that grading is behind (<see cref="GradingQueueWatch"/>). The sweep queues an
    /// attempt after 30 s and a dead worker's job moves within a minute, so two minutes is a stall.
    /// </summary>
    public int StalledAfterSeconds { get; set; } = 120;

    /// <summary>
    /// How long a submit tries to store the attempt while the database fails transiently
    /// (<c>Practice:Grading:SubmitRetrySeconds</c>): a restart of a few seconds costs latency,
    /// not an error. Past it the page says the answer may have been saved and how to find out.
    /// </summary>
    public int SubmitRetrySeconds { get; set; } = 10;
}

/// <summary>A scenario's simulation cost estimate: nodes × (pods + 1) × virtual minutes.</summary>
public static class ScenarioCost
{
    public static long Estimate(ScenarioSpec spec)
    {
        var nodes = spec.Cluster.Nodes.Count;
        var pods = spec.Cluster.Workloads.Sum(w => w.Kind switch
        {
            WorkloadKind.DaemonSet => nodes,
            WorkloadKind.StaticPod => 1,
            _ => w.Replicas,
        });
        var minutes = Math.Max(1, spec.DurationMs / 60_000);
        return (long)nodes * (pods + 1) * minutes;
    }
}
