using System.Text;
using Practice.Content.Diagnostics;
using Practice.Content.Yaml;

namespace Practice.Content.Scenarios;

/// <summary>
/// Puts a variant's values in place of <c>{name}</c> in every value of the front matter (not in
/// keys, and not in <c>variants:</c> itself) and in the explanation. A placeholder is a name
/// between braces: a lowercase letter, then letters, digits and hyphens. One that names no
/// declared variant is an error where it is written.
/// </summary>
internal sealed class Placeholders(VariantChoice choice, IReadOnlyList<VariantVariable> declared, Problems? problems)
{
    public const string Section = "variants";

    /// <summary>The front matter with the values in place; the same tree when nothing changed.</summary>
    public YamlMap Apply(YamlMap root) =>
        root with { Entries = [.. root.Entries.Select(e => e.Key.Value == Section ? e : e with { Value = Apply(e.Value) })] };

    private YamlValue Apply(YamlValue value) => value switch
    {
        YamlText text => ApplyText(text),
        YamlList list => list with { Items = [.. list.Items.Select(Apply)] },
        YamlMap map => map with { Entries = [.. map.Entries.Select(e => e with { Value = Apply(e.Value) })] },
        _ => value,
    };

    private YamlText ApplyText(YamlText text)
    {
        if (!text.Value.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }
        var substitutions = new List<Substitution>();
        var replaced = Replace(text.Value, (index, _) => text.PositionOf(index), substitutions);
        return substitutions.Count == 0 ? text : text with { Value = replaced, Substitutions = substitutions };
    }

    /// <summary>The explanation with the values in place; <paramref name="bodyLine"/> is the file line its first line is on.</summary>
    public string ApplyBody(string body, string file, int bodyLine)
    {
        if (!body.Contains('{', StringComparison.Ordinal))
        {
            return body;
        }
        return Replace(body, (index, _) =>
        {
            var line = bodyLine;
            var lineStart = 0;
            for (var i = 0; i < index; i++)
            {
                if (body[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new SourcePosition(file, line, index - lineStart + 1);
        }, []);
    }

    private string Replace(string text, Func<int, string, SourcePosition> at, List<Substitution> substitutions)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var close = text[i] == '{' ? text.IndexOf('}', i + 1) : -1;
            var name = close > i + 1 ? text[(i + 1)..close] : null;
            if (name is null || !ScenarioVariants.IsName(name))
            {
                result.Append(text[i]);
                i++;
                continue;
            }
            if (choice[name] is { } value)
            {
                substitutions.Add(new Substitution(result.Length, value.Length, close + 1 - i));
                result.Append(value);
            }
            else
            {
                problems?.Error(at(i, name), declared.Count == 0
                    ? $"placeholder '{{{name}}}' names no variant: this scenario declares none (add 'variants:' with '{name}')"
                    : Suggest.Unknown("placeholder", $"{{{name}}}", declared.Select(d => $"{{{d.Name}}}")));
                result.Append(text, i, close + 1 - i);
            }
            i = close + 1;
        }
        return result.ToString();
    }
}
