using System.Globalization;

namespace Practice.Simulation.Probes.Language;

/// <summary>How probes read and write times, numbers and names, and how errors suggest a close name.</summary>
internal static class ProbeText
{
    public const string TimeExamples = "90s, 2m, 1m30s, 500ms or end";

    /// <summary>Virtual time as m:ss (minutes are not wrapped into hours; milliseconds only when present).</summary>
    public static string Clock(long ms) => Practice.Simulation.Text.Durations.Clock(ms);

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

    public static bool TryParseDuration(string text, out long ms) => Practice.Simulation.Text.Durations.TryParse(text, out ms);

    /// <summary>Workload, Service and node names: lowercase letters, digits and inner hyphens.</summary>
    public static bool IsSlug(string text) =>
        text.Length > 0
        && text[0] != '-' && text[^1] != '-'
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The candidate closest to what was written, if it is close enough to be what was meant.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates) => Practice.Simulation.Text.EditDistance.Closest(written, candidates);

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

}
