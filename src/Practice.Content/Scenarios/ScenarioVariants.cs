using System.Globalization;
using Practice.Content.Diagnostics;
using Practice.Content.Yaml;

namespace Practice.Content.Scenarios;

/// <summary>
/// One value a scenario draws from its variant seed (<c>variants:</c>): a name used as
/// <c>{name}</c> in the front matter and the explanation, and the values it may take, in the
/// file's order (a range is spelled out). The first value is the scenario as written (seed 0).
/// </summary>
public sealed record VariantVariable(string Name, IReadOnlyList<string> Values, SourcePosition At)
{
    /// <summary>How the values were declared, for people: <c>node-1, node-2</c>; <c>1m..3m every 30s</c>.</summary>
    public required string Declared { get; init; }

    /// <summary>Declared as a range (<c>4..8</c>) rather than a list.</summary>
    public bool IsRange { get; init; }
}

/// <summary>The values one variant seed chose, in declaration order.</summary>
public sealed record VariantChoice(int Seed, IReadOnlyList<KeyValuePair<string, string>> Values)
{
    public static readonly VariantChoice None = new(0, []);

    public string? this[string name] => Values.FirstOrDefault(v => v.Key == name).Value;

    /// <summary><c>node = node-2, at = 2m30s</c>; empty for a scenario without variants.</summary>
    public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Key} = {v.Value}"));
}

/// <summary>
/// Reads <c>variants:</c> and draws values from a seed. Seed 0 is the scenario as written (each
/// variable's first value); any other seed draws each variable in declaration order from a
/// SplitMix64 stream seeded with it, so the same seed gives the same variant on every machine.
/// </summary>
public static class ScenarioVariants
{
    /// <summary>The largest seed a practice run draws or an attempt stores.</summary>
    public const int MaxSeed = 999_999;

    /// <summary>A variable may take at most this many values (a range is spelled out).</summary>
    public const int MaxValues = 1000;

    private static readonly string[] RangeFields = ["range", "step"];

    /// <summary>Reads the declarations; an empty list when the section is absent. Problems are reported where they are written.</summary>
    internal static List<VariantVariable> Read(YamlValue? value, Problems problems)
    {
        var variables = new List<VariantVariable>();
        if (value is null)
        {
            return variables;
        }
        if (Yaml.Read.Map(value, problems, "variants") is not { } map)
        {
            return variables;
        }
        if (map.Entries.Count == 0)
        {
            problems.Error(map.At, "'variants' declares no values; remove it or add one like 'node: [node-1, node-2]'");
        }
        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (!IsName(name))
            {
                problems.Error(entry.Key.At, $"a variant's name must start with a lowercase letter and use letters, digits and hyphens, not '{name}'");
                continue;
            }
            if (ReadValues(name, entry.Value, problems) is { } variable)
            {
                variables.Add(variable with { At = entry.Key.At });
            }
        }
        return variables;
    }

    private static VariantVariable? ReadValues(string name, YamlValue value, Problems problems)
    {
        switch (value)
        {
            case YamlList list:
            {
                if (list.Items.Count == 0)
                {
                    problems.Error(list.At, $"variant '{name}' has no values to choose from");
                    return null;
                }
                var values = new List<string>();
                foreach (var item in list.Items)
                {
                    if (Yaml.Read.Scalar(item, problems, name, "a value") is not { } text)
                    {
                        return null;
                    }
                    if (values.Contains(text.Value))
                    {
                        problems.Error(text.At, $"variant '{name}' lists '{text.Value}' twice");
                        return null;
                    }
                    values.Add(text.Value);
                }
                return new VariantVariable(name, values, list.At) { Declared = string.Join(", ", values) };
            }
            case YamlText text:
                return Range(name, text, null, problems);
            case YamlMap map:
            {
                var f = new Fields(map, problems, RangeFields);
                if (Yaml.Read.Scalar(f.Required("range"), problems, "range", "a range like 4..8 or 1m..3m") is not { } range)
                {
                    return null;
                }
                return Range(name, range, f["step"] is { } step ? Yaml.Read.Scalar(step, problems, "step", "a step like 1 or 30s") : null, problems);
            }
            default:
                problems.Error(value.At, $"variant '{name}' must be a list of values, a range like 4..8 or 1m..3m, or {{ range: 1m..3m, step: 30s }}");
                return null;
        }
    }

    /// <summary><c>4..8</c> (whole numbers) or <c>1m..3m</c> (times), every <paramref name="stepText"/> (default 1 or 1s).</summary>
    private static VariantVariable? Range(string name, YamlText text, YamlText? stepText, Problems problems)
    {
        var parts = text.Value.Split("..");
        if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
        {
            problems.Error(text.At, $"variant '{name}' must be a list of values or a range like 4..8 or 1m..3m, not '{text.Value}'");
            return null;
        }
        var (fromText, toText) = (parts[0].Trim(), parts[1].Trim());
        var upperAt = text.PositionOf(text.Value.IndexOf("..", StringComparison.Ordinal) + 2);
        bool times;
        long from, to, step;
        if (long.TryParse(fromText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out from)
            && long.TryParse(toText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out to))
        {
            times = false;
        }
        else if (Yaml.Read.TryDuration(fromText, out from) && Yaml.Read.TryDuration(toText, out to))
        {
            times = true;
        }
        else
        {
            problems.Error(text.At, $"variant '{name}': both ends of a range must be whole numbers (4..8) or both times ({Yaml.Read.TimeExamples}), not '{text.Value}'");
            return null;
        }
        if (to < from)
        {
            problems.Error(upperAt, $"variant '{name}': the range {text.Value} is empty (its end is before its start)");
            return null;
        }
        step = times ? 1000 : 1;
        if (stepText is not null)
        {
            var ok = times ? Yaml.Read.TryDuration(stepText.Value, out step) : long.TryParse(stepText.Value, NumberStyles.None, CultureInfo.InvariantCulture, out step);
            if (!ok || step <= 0)
            {
                problems.Error(stepText.At, $"variant '{name}': 'step' must be {(times ? "a time longer than 0s" : "a whole number above 0")}, not '{stepText.Value}'");
                return null;
            }
        }
        if ((to - from) / step + 1 > MaxValues)
        {
            problems.Error(text.At, $"variant '{name}': {text.Value} every {(times ? Yaml.Read.Time(step) : step)} gives {(to - from) / step + 1} values; at most {MaxValues}: take a larger step");
            return null;
        }
        var values = new List<string>();
        for (var v = from; v <= to; v += step)
        {
            values.Add(times ? Yaml.Read.Time(v) : v.ToString(CultureInfo.InvariantCulture));
        }
        var every = stepText is null ? "" : $" every {stepText.Value}";
        return new VariantVariable(name, values, text.At) { Declared = $"{fromText}..{toText}{every}", IsRange = true };
    }

    public static bool IsName(string name) =>
        name.Length > 0 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && name[^1] != '-';

    /// <summary>The values seed <paramref name="seed"/> gives: seed 0 the first of each, any other a draw.</summary>
    public static VariantChoice Choose(IReadOnlyList<VariantVariable> variables, int seed)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        if (variables.Count == 0)
        {
            return VariantChoice.None with { Seed = seed };
        }
        var state = (ulong)seed;
        var values = new List<KeyValuePair<string, string>>();
        foreach (var variable in variables)
        {
            var index = seed == 0 ? 0 : (int)(SplitMix64(ref state) % (ulong)variable.Values.Count);
            values.Add(new(variable.Name, variable.Values[index]));
        }
        return new VariantChoice(seed, values);
    }

    /// <summary>
    /// Choices that between them use every value of every list and both ends of every range
    /// (value i of each variable, the last where it has fewer): what <c>content check</c> reads,
    /// so that a value the file cannot take is reported without running every seed.
    /// </summary>
    internal static IEnumerable<VariantChoice> Sweep(IReadOnlyList<VariantVariable> variables)
    {
        var lists = variables.Select(v => v.IsRange ? (IReadOnlyList<string>)[v.Values[0], v.Values[^1]] : v.Values).ToList();
        var count = lists.Count == 0 ? 0 : lists.Max(l => l.Count);
        for (var i = 1; i < count; i++)
        {
            yield return new VariantChoice(-1, [.. variables.Select((v, n) => new KeyValuePair<string, string>(v.Name, lists[n][Math.Min(i, lists[n].Count - 1)]))]);
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
