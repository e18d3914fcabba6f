using System.Diagnostics.Metrics;

namespace Practice.Simulation;

/// <summary>
/// What the engine counts for the process that hosts it (metrics exporters, tests that check a
/// page simulates nothing). Counting reads no clock and changes no trace.
/// </summary>
public static class SimulationMetrics
{
    public const string MeterName = "Practice.Simulation";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>One per <see cref="Simulator.Run"/> call, whatever its outcome; tagged <c>scenario</c> with the scenario id.</summary>
    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("practice.simulation.runs", description: "Simulation runs started");
}
