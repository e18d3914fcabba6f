using System.Globalization;

namespace Practice.Simulation.Probes.Language;

/// <summary>How probes read and write times, numbers and names, and how errors suggest a close name.</summary>
internal static class ProbeText
{
    public const string TimeExamples = "90s, 2m, 1m30s, 500ms or end";

    /// <summary>Virtual time as m:ss (minutes are not wrapped into hours; milliseconds only when present).</summary>
    public static string Clock(long ms)
    {
        var minutes = ms / 60_000;
        var seconds = ms % 60_000 / 1000;
        var millis = ms % 1000;
        return millis == 0
            ? $"{minutes}:{seconds:00}"
            : $"{minutes}:{seconds:00}.{millis.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    public static List<ProbeError> Ordered(List<ProbeError> errors) => [.. errors.OrderBy(e => e.Column)];

    public static string Window(long fromMs, long toMs) => $"{Clock(fromMs)}–{Clock(toMs)}";

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => $"{Number(seconds)} s";

    /// <summary>A share as a percentage with one decimal, or more when one would hide the difference from <paramref name="against"/>.</summary>
    public static string Percent(double share, double? against = null)
    {
        string Format(double v, int decimals) =>
            (v * 100).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) + "%";

        var decimals = 1;
        while (decimals < 4 && against is { } other && other != share && Format(share, decimals) == Format(other, decimals))
        {
            decimals++;
        }
        return Format(share, decimals);
    }

    public static string Count(double value, string singular, string plural) =>
        value == 1 ? $"1 {singular}" : $"{Number(value)} {plural}";

    /// <summary>Parses <c>90s</c>, <c>2m</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>: one or more number+unit parts, largest unit first.</summary>
    public static bool TryParseDuration(string text, out long ms)
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

    /// <summary>Workload, Service and node names: lowercase letters, digits and inner hyphens.</summary>
    public static bool IsSlug(string text) =>
        text.Length > 0
        && text[0] != '-' && text[^1] != '-'
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The candidate closest to what was written, if it is close enough to be what was meant.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        var lower = written.ToLowerInvariant();
        var limit = lower.Length <= 3 ? 1 : lower.Length <= 7 ? 2 : 3;
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var other = candidate.ToLowerInvariant();
            // A prefix ("pod" for pods) or one hyphenated part ("apiserver" for kube-apiserver) is as close as one typo.
            var part = lower.Length >= 3 && other != lower
                && (other.StartsWith(lower, StringComparison.Ordinal) || other.Split('-', '.', '_').Contains(lower));
            var score = part ? 1 : Distance(lower, other);
            if (score <= limit && score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>"did you mean `x`?" or, when nothing is close, the list to choose from (at most ten shown).</summary>
    public static string Suggestion(string written, IReadOnlyCollection<string> candidates, string listIntro)
    {
        if (Closest(written, candidates) is { } close)
        {
            return $"did you mean `{close}`?";
        }
        if (candidates.Count == 0)
        {
            return "";
        }
        var shown = string.Join(", ", candidates.Take(10));
        return candidates.Count > 10 ? $"{listIntro} {shown} and {candidates.Count - 10} more" : $"{listIntro} {shown}";
    }

    /// <summary>"unknown workload `wbe`: did you mean `web`?", or the list of what there is.</summary>
    public static string Unknown(string role, string written, IEnumerable<string> candidates, string? plural = null)
    {
        var suggestion = Suggestion(written, candidates.ToList(), $"the {plural ?? role + "s"} are");
        return suggestion.Length == 0 ? $"unknown {role} `{written}`" : $"unknown {role} `{written}`: {suggestion}";
    }

    /// <summary>Edit distance counting a swap of two neighbours ("adn" for and) as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
