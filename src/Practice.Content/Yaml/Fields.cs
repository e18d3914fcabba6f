using Practice.Content.Diagnostics;

namespace Practice.Content.Yaml;

/// <summary>
/// The fields of one YAML mapping, checked against the names a format allows: an unknown or
/// misspelt field and a repeated one are reported (with the close name), required ones that
/// are missing are reported at the mapping.
/// </summary>
internal sealed class Fields
{
    private readonly Dictionary<string, YamlEntry> entries = [];
    private readonly Problems problems;

    public Fields(YamlMap map, Problems problems, IReadOnlyCollection<string> known)
    {
        Map = map;
        this.problems = problems;
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            if (!known.Contains(key))
            {
                problems.Error(entry.Key.At, UnknownField(key, known));
                continue;
            }
            if (!entries.TryAdd(key, entry))
            {
                var first = entries[key].Key.At;
                problems.Error(entry.Key.At, $"field '{key}' is given twice (first at line {first.Line})");
            }
        }
    }

    public YamlMap Map { get; }

    public SourcePosition At => Map.At;

    public YamlValue? this[string key] => entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public bool Has(string key) => entries.ContainsKey(key);

    public SourcePosition? KeyAt(string key) => entries.TryGetValue(key, out var entry) ? entry.Key.At : null;

    /// <summary>The value, or null after reporting it missing.</summary>
    public YamlValue? Required(string key)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            return entry.Value;
        }
        problems.Error(At, $"missing required field '{key}'");
        return null;
    }

    public static string UnknownField(string key, IReadOnlyCollection<string> known) =>
        Suggest.Closest(key, known) is { } close
            ? $"unknown field '{key}'; did you mean '{close}'?"
            : $"unknown field '{key}'; expected one of: {string.Join(", ", known)}";
}
