namespace Practice.Testing;

/// <summary>The system clock, moved on by a test (a lockout's end, a token's expiry) and back.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
