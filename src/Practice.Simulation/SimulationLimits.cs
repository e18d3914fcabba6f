namespace Practice.Simulation;

/// <summary>Guardrails for one run, so a bad or hostile scenario cannot hold a worker forever.</summary>
public sealed record SimulationLimits
{
    public static SimulationLimits Default { get; } = new();

    /// <summary>Longest virtual duration a scenario may ask for (default 6 h).</summary>
    public long MaxDurationMs { get; init; } = 6L * 60 * 60 * 1000;

    /// <summary>Most kernel events one run may process (default 50 million).</summary>
    public long MaxEvents { get; init; } = 50_000_000;
}

/// <summary>A run hit one of its <see cref="SimulationLimits"/>; the message names the limit and the value.</summary>
public sealed class SimulationLimitException : Exception
{
    public SimulationLimitException()
    {
    }

    public SimulationLimitException(string message)
        : base(message)
    {
    }

    public SimulationLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
