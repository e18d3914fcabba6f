using Practice.Content.Diagnostics;

namespace Practice.Content.Yaml;

/// <summary>
/// The position of every value of a front matter by its path: <c>id</c>,
/// <c>cluster.workloads[0].replicas</c>, <c>questions[1].options[0].probe</c>.
/// </summary>
internal static class YamlPaths
{
    public static IReadOnlyDictionary<string, SourcePosition> Of(YamlMap root)
    {
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        Walk(root, "", positions);
        return positions;
    }

    private static void Walk(YamlValue value, string path, Dictionary<string, SourcePosition> positions)
    {
        if (path.Length > 0)
        {
            positions.TryAdd(path, value.At);
        }
        switch (value)
        {
            case YamlMap map:
                foreach (var entry in map.Entries)
                {
                    Walk(entry.Value, path.Length == 0 ? entry.Key.Value : $"{path}.{entry.Key.Value}", positions);
                }
                break;
            case YamlList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Walk(list.Items[i], $"{path}[{i}]", positions);
                }
                break;
        }
    }
}
