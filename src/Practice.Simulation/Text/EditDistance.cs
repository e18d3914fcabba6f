namespace Practice.Simulation.Text;

/// <summary>How far apart two names are, for "did you mean" suggestions.</summary>
public static class EditDistance
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
            // A prefix ("pod" for pods) or one hyphenated part ("apiserver" for kube-apiserver) is as close as one typo.
            var part = lower.Length >= 3 && other != lower
                && (other.StartsWith(lower, StringComparison.Ordinal) || other.Split('-', '.', '_').Contains(lower));
            var score = part ? 1 : Between(lower, other);
            if (score <= limit && score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("adn" for and) count one each.</summary>
    public static int Between(string a, string b)
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
