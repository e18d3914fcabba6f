namespace Practice.Content.Diagnostics;

/// <summary>"did you mean ...?" for misspelt fields and names.</summary>
public static class Suggest
{
    /// <summary>The candidate closest to what was written, if it is close enough to be what was meant.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates) => Practice.Simulation.Text.EditDistance.Closest(written, candidates);

    /// <summary><c>unknown node 'node-9'; did you mean 'node-1'?</c>, or the list to choose from.</summary>
    public static string Unknown(string role, string written, IEnumerable<string> candidates, string? plural = null)
    {
        var list = candidates.Distinct().ToList();
        if (Closest(written, list) is { } close)
        {
            return $"unknown {role} '{written}'; did you mean '{close}'?";
        }
        if (list.Count == 0)
        {
            return $"unknown {role} '{written}'; the scenario has no {plural ?? role + "s"}";
        }
        var shown = string.Join(", ", list.Take(12));
        return $"unknown {role} '{written}'; the {plural ?? role + "s"} are {shown}{(list.Count > 12 ? ", ..." : "")}";
    }

}
