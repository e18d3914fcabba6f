namespace Practice.Simulation;

/// <summary>
/// A piecewise-constant integer quantity stored as its change points: the value is
/// <c>Values[i]</c> from <c>Times[i]</c> until the next change, and 0 before the first.
/// </summary>
public sealed class TimeSeries
{
    private readonly long[] times;
    private readonly long[] values;

    internal TimeSeries(long[] times, long[] values)
    {
        this.times = times;
        this.values = values;
    }

    public IReadOnlyList<long> Times => times;
    public IReadOnlyList<long> Values => values;

    internal long[] RawTimes => times;
    internal long[] RawValues => values;

    /// <summary>The value after every change at or before <paramref name="atMs"/>: O(log n).</summary>
    public long ValueAt(long atMs)
    {
        var i = Array.BinarySearch(times, atMs);
        if (i < 0)
        {
            i = ~i - 1;
        }
        return i < 0 ? 0 : values[i];
    }

    /// <summary>∫ value dt over [fromMs, toMs) in value·ms.</summary>
    internal double Integral(long fromMs, long toMs)
    {
        if (toMs <= fromMs || times.Length == 0)
        {
            return 0;
        }
        var i = Array.BinarySearch(times, fromMs);
        if (i < 0)
        {
            i = ~i - 1;
        }
        double sum = 0;
        var t = fromMs;
        if (i < 0)
        {
            i = 0;
            t = Math.Max(fromMs, times[0]);
        }
        for (; i < times.Length && t < toMs; i++)
        {
            var end = i + 1 < times.Length ? Math.Min(times[i + 1], toMs) : toMs;
            if (end > t)
            {
                sum += (double)values[i] * (end - t);
                t = end;
            }
        }
        return sum;
    }
}

/// <summary>Builds a <see cref="TimeSeries"/> in time order, dropping repeats and keeping the last value per millisecond.</summary>
internal sealed class SeriesBuilder
{
    private long[] times = new long[4];
    private long[] values = new long[4];
    private int count;

    public long Current => count == 0 ? 0 : values[count - 1];

    public void Set(long atMs, long value)
    {
        if (count > 0 && times[count - 1] == atMs)
        {
            values[count - 1] = value;
            if (count > 1 && values[count - 2] == value)
            {
                count--;
            }
            return;
        }
        if (count == 0 ? value == 0 && atMs > 0 : values[count - 1] == value)
        {
            return;
        }
        if (count == times.Length)
        {
            Array.Resize(ref times, count * 2);
            Array.Resize(ref values, count * 2);
        }
        times[count] = atMs;
        values[count] = value;
        count++;
    }

    public void Add(long atMs, long delta) => Set(atMs, Current + delta);

    public bool IsEmpty => count == 0;

    public TimeSeries Build() => new(times[..count], values[..count]);
}
