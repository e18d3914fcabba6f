namespace Practice.ClusterApi;

/// <summary>
/// A label or field selector as kubectl sends it: requirements separated by commas, all of which
/// must hold. Equality (<c>k=v</c>, <c>k==v</c>), inequality (<c>k!=v</c>) and, for labels,
/// existence (<c>k</c>, <c>!k</c>) and sets (<c>k in (a,b)</c>, <c>k notin (a,b)</c>).
/// </summary>
public sealed class Selector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> requirements = [];

    public static readonly Selector Everything = new();

    /// <exception cref="FormatException">The selector cannot be read; the message says why.</exception>
    public static Selector Parse(string? text, bool label)
    {
        var selector = new Selector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }
        foreach (var term in SplitTerms(text))
        {
            selector.requirements.Add(ParseTerm(term.Trim(), label));
        }
        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> values) => requirements.All(r => r(values));

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term, bool label)
    {
        if (term.Length == 0)
        {
            throw new FormatException("an empty requirement in the selector");
        }
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var value = term[(at + op.Length)..].Trim();
                return values => (values.TryGetValue(key, out var v) ? v : label ? null : "") is var actual
                    && (negate ? actual != value : actual == value);
            }
        }
        if (!label)
        {
            throw new FormatException($"invalid field selector '{term}': write field=value or field!=value");
        }
        var words = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words is [var k, var rest] && (rest.StartsWith("in ", StringComparison.Ordinal) || rest.StartsWith("in(", StringComparison.Ordinal)
            || rest.StartsWith("notin", StringComparison.Ordinal)))
        {
            var notIn = rest.StartsWith("notin", StringComparison.Ordinal);
            var open = rest.IndexOf('(', StringComparison.Ordinal);
            var close = rest.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                throw new FormatException($"invalid label selector '{term}': a set needs parentheses");
            }
            var set = rest[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return values => values.TryGetValue(k, out var v) ? set.Contains(v) != notIn : notIn;
        }
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return values => !values.ContainsKey(key);
        }
        if (term.Contains(' ', StringComparison.Ordinal))
        {
            throw new FormatException($"invalid label selector '{term}'");
        }
        return values => values.ContainsKey(term);
    }

    /// <summary>Splits on commas outside parentheses.</summary>
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
