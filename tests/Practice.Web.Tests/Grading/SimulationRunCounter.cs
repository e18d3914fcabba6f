using System.Diagnostics.Metrics;
using Practice.Simulation;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// Counts <see cref="Simulator.Run"/> calls for one scenario in this process while it lives, through
/// the meter the simulation library exposes (tests in this assembly do not run in parallel).
/// </summary>
internal sealed class SimulationRunCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public SimulationRunCounter(string scenarioId)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SimulationMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "scenario" && Equals(tag.Value, scenarioId))
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
