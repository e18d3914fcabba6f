namespace Practice.Simulation.Kernel;

/// <summary>
/// A small xorshift64* generator seeded through SplitMix64. Our own rather than <see cref="Random"/>,
/// so the numbers (and therefore stored traces) cannot change under a runtime upgrade.
/// </summary>
internal sealed class SeededRandom
{
    private ulong state;

    public SeededRandom(int seed)
    {
        var z = (ulong)(uint)seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        state = (z ^ (z >> 31)) | 1UL;
    }

    public ulong NextUInt64()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [0, bound).</summary>
    public long Next(long bound) => bound <= 1 ? 0 : (long)(NextUInt64() % (ulong)bound);
}
