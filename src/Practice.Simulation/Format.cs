using System.Globalization;

namespace Practice.Simulation;

/// <summary>Plain-words formatting for event reasons and messages (invariant culture, so traces are stable).</summary>
internal static class Format
{
    public static string Duration(long ms)
    {
        if (ms % 1000 != 0)
        {
            return ms < 1000 ? $"{ms}ms" : (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        }
        var s = ms / 1000;
        if (s < 60)
        {
            return $"{s}s";
        }
        var h = s / 3600;
        var m = s % 3600 / 60;
        var rest = s % 60;
        var text = h > 0 ? $"{h}h" : "";
        if (m > 0)
        {
            text += $"{m}m";
        }
        if (rest > 0)
        {
            text += $"{rest}s";
        }
        return text;
    }

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
