namespace Practice.Content.Diagnostics;

/// <summary>"did you mean ...?" for misspelt fields and names.</summary>
public static class Suggest
{
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
            var score = Distance(lower, other);
            if (score <= limit && score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

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

    private static int Distance(string a, string b) => Practice.Simulation.Text.EditDistance.Between(a, b);
}
