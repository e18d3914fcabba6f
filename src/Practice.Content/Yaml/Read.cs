using System.Globalization;
using Practice.Content.Diagnostics;

namespace Practice.Content.Yaml;

/// <summary>Typed reads of YAML values. Each returns null after reporting a value of the wrong type or range.</summary>
internal static class Read
{
    public const string TimeExamples = "90s, 2m, 1m30s or 500ms";

    public static YamlText? Scalar(YamlValue? value, Problems problems, string field, string what)
    {
        switch (value)
        {
            case null:
                return null;
            case YamlText { IsNull: true } text:
                problems.Error(text.At, $"'{field}' needs {what}; it is empty");
                return null;
            case YamlText text:
                return text;
            default:
                problems.Error(value.At, $"'{field}' must be {what}, not {value.Describe()}");
                return null;
        }
    }

    public static string? Text(YamlValue? value, Problems problems, string field) =>
        Scalar(value, problems, field, "text")?.Value;

    /// <summary>An id or name: lowercase letters, digits and inner hyphens.</summary>
    public static string? Slug(YamlValue? value, Problems problems, string field)
    {
        var text = Scalar(value, problems, field, "a name");
        if (text is null)
        {
            return null;
        }
        if (!IsSlug(text.Value))
        {
            problems.Error(text.At, $"'{field}' must be lowercase letters, digits and hyphens, not '{text.Value}'");
            return null;
        }
        return text.Value;
    }

    public static bool IsSlug(string text) =>
        text.Length > 0 && text[0] != '-' && text[^1] != '-'
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static int? Int(YamlValue? value, Problems problems, string field, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Scalar(value, problems, field, "a whole number");
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            problems.Error(text.At, $"'{field}' must be a whole number, not '{text.Value}'");
            return null;
        }
        if (number < min || number > max)
        {
            problems.Error(text.At, max == int.MaxValue
                ? $"'{field}' must be at least {min}, not {number}"
                : $"'{field}' must be between {min} and {max}, not {number}");
            return null;
        }
        return number;
    }

    public static double? Number(YamlValue? value, Problems problems, string field)
    {
        var text = Scalar(value, problems, field, "a number");
        if (text is null)
        {
            return null;
        }
        if (!TryNumber(text.Value, out var number))
        {
            problems.Error(text.At, $"'{field}' must be a number, not '{text.Value}'");
            return null;
        }
        return number;
    }

    public static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
        && double.IsFinite(number);

    public static bool? Bool(YamlValue? value, Problems problems, string field)
    {
        var text = Scalar(value, problems, field, "true or false");
        if (text is null)
        {
            return null;
        }
        switch (text.Value)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.Error(text.At, $"'{field}' must be true or false, not '{text.Value}'");
                return null;
        }
    }

    /// <summary>A time or a length of time: <c>90s</c>, <c>2m</c>, <c>1m30s</c>, <c>500ms</c> (and <c>0</c>).</summary>
    public static long? Duration(YamlValue? value, Problems problems, string field)
    {
        var text = Scalar(value, problems, field, $"a time like {TimeExamples}");
        if (text is null)
        {
            return null;
        }
        if (!TryDuration(text.Value, out var ms))
        {
            problems.Error(text.At, $"'{field}' must be a time like {TimeExamples}, not '{text.Value}'");
            return null;
        }
        return ms;
    }

    /// <summary>One or more number+unit parts, largest unit first: <c>1h</c>, <c>2m</c>, <c>1m30s</c>, <c>90s</c>, <c>500ms</c>.</summary>
    public static bool TryDuration(string text, out long ms)
    {
        text = text.Trim();
        ms = 0;
        return text == "0" || Practice.Simulation.Text.Durations.TryParse(text, out ms);
    }

    /// <summary>CPU as Kubernetes writes it: <c>100m</c> (millicores), <c>2</c> or <c>0.5</c> (cores).</summary>
    public static int? CpuMillis(YamlValue? value, Problems problems, string field)
    {
        var text = Scalar(value, problems, field, "a CPU quantity like 100m or 2");
        if (text is null)
        {
            return null;
        }
        var v = text.Value.Trim();
        if (v.EndsWith('m') && int.TryParse(v[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return millis;
        }
        if (TryNumber(v, out var cores) && cores >= 0 && cores <= 1_000_000)
        {
            return (int)Math.Round(cores * 1000);
        }
        problems.Error(text.At, $"'{field}' must be a CPU quantity like 100m or 2, not '{text.Value}'");
        return null;
    }

    private static readonly (string Suffix, long Factor)[] ByteSuffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("k", 1000), ("K", 1000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ];

    /// <summary>Memory as Kubernetes writes it: <c>128Mi</c>, <c>16Gi</c>, <c>1G</c>, or bytes.</summary>
    public static long? Bytes(YamlValue? value, Problems problems, string field)
    {
        var text = Scalar(value, problems, field, "a memory quantity like 128Mi or 16Gi");
        if (text is null)
        {
            return null;
        }
        var v = text.Value.Trim();
        foreach (var (suffix, factor) in ByteSuffixes)
        {
            if (v.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(v[..^suffix.Length], out var amount) && amount >= 0)
            {
                return (long)Math.Round(amount * factor);
            }
        }
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            return bytes;
        }
        problems.Error(text.At, $"'{field}' must be a memory quantity like 128Mi or 16Gi, not '{text.Value}'");
        return null;
    }

    public static YamlList? List(YamlValue? value, Problems problems, string field)
    {
        if (value is null or YamlText { IsNull: true })
        {
            return value is null ? null : new YamlList([], value.At);
        }
        if (value is YamlList list)
        {
            return list;
        }
        problems.Error(value.At, $"'{field}' must be a list, not {value.Describe()}");
        return null;
    }

    public static YamlMap? Map(YamlValue? value, Problems problems, string field)
    {
        if (value is null)
        {
            return null;
        }
        if (value is YamlMap map)
        {
            return map;
        }
        problems.Error(value.At, $"'{field}' must be a mapping of fields, not {value.Describe()}");
        return null;
    }

    /// <summary>A mapping of text to text (labels, node selectors).</summary>
    public static Dictionary<string, string>? Labels(YamlValue? value, Problems problems, string field)
    {
        var map = Map(value, problems, field);
        if (map is null)
        {
            return null;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (Text(entry.Value, problems, $"{field}.{entry.Key.Value}") is { } text && !labels.TryAdd(entry.Key.Value, text))
            {
                problems.Error(entry.Key.At, $"label '{entry.Key.Value}' is given twice");
            }
        }
        return labels;
    }

    /// <summary>Virtual time as the probes' explanations show it: <c>7:00</c>, <c>0:00.04</c>.</summary>
    public static string Clock(long ms)
    {
        var text = $"{ms / 60_000}:{ms % 60_000 / 1000:00}";
        return ms % 1000 == 0 ? text : $"{text}.{(ms % 1000).ToString("000", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    /// <summary>Formats milliseconds the way authors write them: <c>2m</c>, <c>1m30s</c>, <c>500ms</c>.</summary>
    public static string Time(long ms)
    {
        if (ms == 0)
        {
            return "0s";
        }
        var parts = new List<string>();
        if (ms >= 3_600_000 && ms % 60_000 == 0 && ms / 60_000 % 60 == 0)
        {
            return $"{ms / 3_600_000}h";
        }
        if (ms / 60_000 > 0)
        {
            parts.Add($"{ms / 60_000}m");
        }
        if (ms % 60_000 / 1000 > 0)
        {
            parts.Add($"{ms % 60_000 / 1000}s");
        }
        if (ms % 1000 > 0)
        {
            parts.Add($"{ms % 1000}ms");
        }
        return string.Concat(parts);
    }
}
