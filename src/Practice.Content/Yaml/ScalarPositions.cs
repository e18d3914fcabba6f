using Practice.Content.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Practice.Content.Yaml;

/// <summary>
/// Maps a character of a scalar's value back to the file, so a probe error at column 12 of the
/// probe lands on the right column of the line even when the probe is quoted or a block scalar.
/// </summary>
/// <remarks>Folding of blank lines inside flow and folded scalars is approximated (one raw
/// line break is one value character); probes are one line in practice.</remarks>
internal static class ScalarPositions
{
    public static SourcePosition Locate(YamlText text, int valueIndex)
    {
        var source = text.Source;
        var raw = text.StartIndex;
        var indent = 0;
        switch (text.Style)
        {
            case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                raw++;
                break;
            case ScalarStyle.Literal or ScalarStyle.Folded:
                while (raw < source.Length && source[raw] != '\n')
                {
                    raw++;
                }
                raw++;
                // The block's indentation is that of its first non-blank line.
                var probe = raw;
                while (probe < source.Length && (source[probe] == '\n' || source[probe] == '\r' || source[probe] == ' '))
                {
                    if (source[probe] == '\n')
                    {
                        raw = probe + 1;
                    }
                    probe++;
                }
                indent = probe - raw;
                raw += indent;
                break;
        }

        for (var v = 0; v < valueIndex && raw < source.Length; v++)
        {
            var c = source[raw];
            if (text.Style == ScalarStyle.SingleQuoted && c == '\'' && raw + 1 < source.Length && source[raw + 1] == '\'')
            {
                raw += 2;
            }
            else if (text.Style == ScalarStyle.DoubleQuoted && c == '\\' && raw + 1 < source.Length)
            {
                raw += source[raw + 1] switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 };
            }
            else if (c == '\r' || c == '\n')
            {
                raw += c == '\r' && raw + 1 < source.Length && source[raw + 1] == '\n' ? 2 : 1;
                var skip = 0;
                while (raw < source.Length && (source[raw] == ' ' || source[raw] == '\t') && (indent == 0 || skip < indent))
                {
                    raw++;
                    skip++;
                }
            }
            else
            {
                raw++;
            }
        }
        return At(text, Math.Min(raw, source.Length));
    }

    private static SourcePosition At(YamlText text, int index)
    {
        var line = text.At.Line;
        var lastBreak = -1;
        for (var i = text.StartIndex; i < index; i++)
        {
            if (text.Source[i] == '\n')
            {
                line++;
                lastBreak = i;
            }
        }
        var column = lastBreak < 0 ? text.At.Column + (index - text.StartIndex) : index - lastBreak;
        return text.At with { Line = line, Column = column };
    }
}
