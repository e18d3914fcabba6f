using System.Text;
using System.Text.Json.Nodes;

namespace Practice.ClusterApi;

/// <summary>
/// A server-side Table printed the way kubectl prints it: upper-case headers, the priority-0
/// columns (all of them with <c>-o wide</c>), a NAMESPACE column first with <c>-A</c>, cells
/// aligned as Go's tabwriter aligns them in kubectl (a column is as wide as its longest cell plus
/// 3 spaces, at least 6; the last column is not padded).
/// </summary>
public static class KubectlText
{
    private const int MinWidth = 6;
    private const int Padding = 3;

    /// <summary>The table's text, or null when it has no rows (kubectl then says "No resources found").</summary>
    public static string? Render(JsonObject table, bool wide, bool allNamespaces)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table["columnDefinitions"]!.AsArray()
            .Select((c, i) => (Index: i, Name: c!["name"]!.GetValue<string>(), Priority: c["priority"]?.GetValue<int>() ?? 0))
            .Where(c => wide || c.Priority == 0).ToList();
        var rows = table["rows"]!.AsArray();
        if (rows.Count == 0)
        {
            return null;
        }
        var lines = new List<List<string>>();
        var header = columns.Select(c => c.Name.ToUpperInvariant()).ToList();
        if (allNamespaces)
        {
            header.Insert(0, "NAMESPACE");
        }
        lines.Add(header);
        foreach (var row in rows)
        {
            var cells = row!["cells"]!.AsArray();
            var line = columns.Select(c => Cell(cells[c.Index])).ToList();
            if (allNamespaces)
            {
                line.Insert(0, row["object"]?["metadata"]?["namespace"]?.GetValue<string>() ?? "");
            }
            lines.Add(line);
        }
        var widths = Enumerable.Range(0, header.Count - 1)
            .Select(i => Math.Max(MinWidth, lines.Max(l => l[i].Length) + Padding)).ToList();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            for (var i = 0; i < line.Count; i++)
            {
                text.Append(i < line.Count - 1 ? line[i].PadRight(widths[i]) : line[i]);
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Cell(JsonNode? cell) => cell switch
    {
        null => "<none>",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => cell.ToJsonString(),
    };

    /// <summary>What kubectl prints on stderr for a list with no rows.</summary>
    public static string NoResources(bool namespaced, bool allNamespaces) =>
        namespaced && !allNamespaces ? $"No resources found in {KubeObjects.Namespace} namespace." : "No resources found";
}
