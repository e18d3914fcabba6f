namespace Practice.Simulation.Probes;

/// <summary>A problem in a probe's text, at a 1-based <paramref name="Column"/> within that text.</summary>
/// <remarks>Content adds the column where the probe starts in its file to report <c>file:line:col</c>.</remarks>
public sealed record ProbeError(int Column, string Message)
{
    public override string ToString() => $"{Column}: {Message}";
}

/// <summary>The parsed probe, or null and at least one error.</summary>
public sealed record ProbeParseResult(Probe? Probe, IReadOnlyList<ProbeError> Errors)
{
    public bool Succeeded => Probe is not null;
}
