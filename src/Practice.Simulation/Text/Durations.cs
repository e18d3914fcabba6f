using System.Globalization;

namespace Practice.Simulation.Text;

/// <summary>Durations as scenario files and probes write them: one grammar for both.</summary>
public static class Durations
{
    /// <summary>Virtual time as m:ss, as every page and message shows it (minutes are not wrapped into hours; milliseconds only when present).</summary>
    public static string Clock(long ms)
    {
        var minutes = ms / 60_000;
        var seconds = ms % 60_000 / 1000;
        var millis = ms % 1000;
        return millis == 0
            ? $"{minutes}:{seconds:00}"
            : $"{minutes}:{seconds:00}.{millis.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    /// <summary>Parses <c>90s</c>, <c>2m</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>: one or more number+unit parts, largest unit first.</summary>
    public static bool TryParse(string text, out long ms)
    {
        ms = 0;
        var i = 0;
        var lastRank = int.MaxValue;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start || i - start > 9)
            {
                return false;
            }
            var amount = long.Parse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            (long Unit, int Rank, int Length)? unit = text.AsSpan(i) switch
            {
                var s when s.StartsWith("ms") => (1, 0, 2),
                var s when s.StartsWith("h") => (3_600_000, 3, 1),
                var s when s.StartsWith("m") => (60_000, 2, 1),
                var s when s.StartsWith("s") => (1000, 1, 1),
                _ => null,
            };
            if (unit is not { } u || u.Rank >= lastRank)
            {
                return false;
            }
            ms += amount * u.Unit;
            lastRank = u.Rank;
            i += u.Length;
        }
        return text.Length > 0;
    }
}
