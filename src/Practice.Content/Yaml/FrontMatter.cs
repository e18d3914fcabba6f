using Practice.Content.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Practice.Content.Yaml;

/// <summary>A Markdown file's YAML front matter (between two <c>---</c> lines) and its body.</summary>
internal sealed record FrontMatter(YamlMap? Root, string Body, int BodyLine)
{
    /// <summary>Splits and parses; problems go to <paramref name="problems"/>, and Root is null when the YAML cannot be read.</summary>
    public static FrontMatter Read(string file, string text, Problems problems)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ') != "---")
        {
            problems.Error(new SourcePosition(file, 1, 1), "the file must start with a '---' line, then the YAML front matter, then another '---' line");
            return new FrontMatter(null, text, 1);
        }
        var offset = lines[0].Length + 1;
        var close = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r', ' ') == "---")
            {
                close = i;
                break;
            }
            offset += lines[i].Length + 1;
        }
        if (close < 0)
        {
            problems.Error(new SourcePosition(file, 1, 1), "the front matter is not closed: add a '---' line after it");
            return new FrontMatter(null, "", lines.Length);
        }
        // The YAML is parsed in place (the opening '---' is a document start), so its marks are file positions.
        var yaml = text[..offset];
        var body = offset + lines[close].Length + 1 <= text.Length ? text[(offset + lines[close].Length + 1)..] : "";
        var root = Parse(file, yaml, problems);
        return new FrontMatter(root, body, close + 2);
    }

    /// <summary>Parses a whole YAML file (course.yml).</summary>
    public static YamlMap? ParseFile(string file, string text, Problems problems) => Parse(file, text, problems);

    private static YamlMap? Parse(string file, string yaml, Problems problems)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            var builder = new Builder(file, yaml, parser, problems);
            var root = builder.ReadDocument();
            switch (root)
            {
                case YamlMap map:
                    return map;
                case null:
                    problems.Error(new SourcePosition(file, 1, 1), "the front matter is empty");
                    return null;
                default:
                    problems.Error(root.At, $"the front matter must be a mapping of fields, not {root.Describe()}");
                    return null;
            }
        }
        catch (YamlException e)
        {
            problems.Error(new SourcePosition(file, (int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column)), $"this is not valid YAML: {Clean(e.Message)}");
            return null;
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is already in front.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        var text = i >= 0 && message.StartsWith('(') ? message[(i + 3)..] : message;
        // The usual cause: a title or prompt with ": " in it, written without quotes.
        return text.Contains("invalid mapping", StringComparison.Ordinal)
            ? $"{text} (a value that contains ': ' must be quoted: title: \"A: B\")"
            : text;
    }

    private sealed class Builder(string file, string source, IParser parser, Problems problems)
    {
        private readonly Dictionary<string, YamlValue> anchors = [];

        public YamlValue? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }
            parser.Consume<DocumentStart>();
            YamlValue? root = null;
            if (!parser.Accept<DocumentEnd>(out _))
            {
                root = ReadValue();
            }
            parser.Consume<DocumentEnd>();
            if (root is YamlText { IsNull: true })
            {
                return null;
            }
            return root;
        }

        private SourcePosition At(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

        private YamlValue ReadValue()
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    return anchored;
                }
                problems.Error(At(alias.Start), $"unknown anchor '*{alias.Value.Value}'");
                return new YamlText("", ScalarStyle.Plain, At(alias.Start), source, (int)alias.Start.Index, (int)alias.End.Index);
            }
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                var text = new YamlText(scalar.Value, scalar.Style, At(scalar.Start), source, (int)scalar.Start.Index, (int)scalar.End.Index);
                Remember(scalar.Anchor, text);
                return text;
            }
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var items = new List<YamlValue>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadValue());
                }
                var list = new YamlList(items, At(sequenceStart.Start));
                Remember(sequenceStart.Anchor, list);
                return list;
            }
            var mappingStart = parser.Consume<MappingStart>();
            var entries = new List<YamlEntry>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadValue();
                var value = ReadValue();
                if (key is YamlText text)
                {
                    entries.Add(new YamlEntry(text, value));
                }
                else
                {
                    problems.Error(key.At, $"a field name must be a word, not {key.Describe()}");
                }
            }
            var map = new YamlMap(entries, At(mappingStart.Start));
            Remember(mappingStart.Anchor, map);
            return map;
        }

        private void Remember(AnchorName anchor, YamlValue value)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = value;
            }
        }
    }
}
