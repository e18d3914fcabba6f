using Practice.Content.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Practice.Content.Yaml;

/// <summary>
/// A YAML value as written, with its position. Built from YamlDotNet's parser events rather
/// than its representation model so that a duplicate key is one more error to report, not an
/// exception that hides the rest of the file.
/// </summary>
internal abstract record YamlValue(SourcePosition At)
{
    public abstract string Describe();
}

internal sealed record YamlText(string Value, ScalarStyle Style, SourcePosition At, string Source, int StartIndex, int EndIndex) : YamlValue(At)
{
    /// <summary>A plain <c>~</c>, <c>null</c> or nothing at all.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing" : $"'{Value}'";

    /// <summary>Placeholders replaced in <see cref="Value"/> (a variant), in order; empty when it is as written.</summary>
    public IReadOnlyList<Substitution> Substitutions { get; init; } = [];

    /// <summary>
    /// Where the character at <paramref name="valueIndex"/> of <see cref="Value"/> sits in the file;
    /// a character of a substituted value sits at its placeholder's <c>{</c>.
    /// </summary>
    public SourcePosition PositionOf(int valueIndex) => ScalarPositions.Locate(this, Written(valueIndex));

    private int Written(int valueIndex)
    {
        var shift = 0;
        foreach (var s in Substitutions)
        {
            if (valueIndex < s.ValueIndex)
            {
                break;
            }
            if (valueIndex < s.ValueIndex + s.ValueLength)
            {
                return s.ValueIndex + shift;
            }
            shift += s.WrittenLength - s.ValueLength;
        }
        return valueIndex + shift;
    }
}

/// <summary>A placeholder (<paramref name="WrittenLength"/> characters as written) replaced by a value at <paramref name="ValueIndex"/>.</summary>
internal sealed record Substitution(int ValueIndex, int ValueLength, int WrittenLength);

internal sealed record YamlList(IReadOnlyList<YamlValue> Items, SourcePosition At) : YamlValue(At)
{
    public override string Describe() => "a list";
}

internal sealed record YamlEntry(YamlText Key, YamlValue Value);

internal sealed record YamlMap(IReadOnlyList<YamlEntry> Entries, SourcePosition At) : YamlValue(At)
{
    public override string Describe() => "a mapping";
}
