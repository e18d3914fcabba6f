namespace Practice.Testing;

/// <summary>
/// The system clock, moved on by a test (a lockout's end, a token's expiry) and back; or stopped
/// at a given instant (<see cref="Now"/>) where a test needs exact times, such as speed scores.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    /// <summary>When set, the clock reads exactly this.</summary>
    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now ?? System.GetUtcNow() + Offset;
}
