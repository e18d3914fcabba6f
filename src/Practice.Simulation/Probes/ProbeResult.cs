namespace Practice.Simulation.Probes;

/// <summary>
/// What a probe found on a run. A boolean probe sets <see cref="Holds"/>. A number probe sets
/// <see cref="Value"/> in its quantity's unit (a count; a share 0..1 for <c>success(S) over</c>;
/// seconds for <c>time_until</c>), or sets <see cref="IsNever"/> and leaves <see cref="Value"/>
/// null when a <c>time_until</c> condition never held.
/// </summary>
/// <param name="Explanation">What was measured, in plain words, e.g.
/// "web had 4 Running pods at 3:10 (needed 6)".</param>
public sealed record ProbeResult(bool? Holds, double? Value, bool IsNever, string Explanation)
{
    internal static ProbeResult Verdict(bool holds, string explanation) => new(holds, null, false, explanation);

    internal static ProbeResult Measured(double value, string explanation) => new(null, value, false, explanation);

    internal static ProbeResult Never(string explanation) => new(null, null, true, explanation);
}
