using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Practice.ClusterApi;

/// <summary>
/// kubectl's <c>-o json</c>, <c>-o yaml</c> and <c>-o name</c> printers over the API's plain
/// JSON. kubectl decodes objects into unstructured maps, so keys come out sorted: Go's
/// encoding/json sorts them byte-wise and indents by four spaces (kubectl JSONPrinter), while
/// the YAML goes through sigs.k8s.io/yaml to go-yaml v2, which sorts keys "naturally" (digits
/// by value, other characters before letters), quotes a string that would read back as another
/// type, single-quotes one that cannot be plain, and folds long scalars at 80 columns.
/// </summary>
public static partial class KubectlOutput
{
    /// <summary>
    /// What kubectl prints for a get: the one object it asked for by name, or every item of a list
    /// wrapped in a <c>v1 List</c> whose resourceVersion is empty (kubectl get.go, printGeneric).
    /// </summary>
    public static string Print(JsonObject answer, bool named, string format)
    {
        ArgumentNullException.ThrowIfNull(answer);
        JsonObject shown = named ? answer : new JsonObject
        {
            ["apiVersion"] = "v1",
            ["items"] = ItemsWithKind(answer),
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
        };
        return format switch
        {
            "json" => Json(shown) + "\n",
            "yaml" => Yaml(shown),
            "name" => named ? Name(shown) + "\n" : string.Concat(((JsonArray)shown["items"]!).Select(i => Name((JsonObject)i!) + "\n")),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "json, yaml or name"),
        };
    }

    /// <summary>A list's items with the kind and apiVersion kubectl gives each (the list's kind without "List").</summary>
    private static JsonArray ItemsWithKind(JsonObject list)
    {
        var kind = list["kind"]?.GetValue<string>() is { } k && k.EndsWith("List", StringComparison.Ordinal) ? k[..^4] : "";
        var items = new JsonArray();
        foreach (var item in list["items"]?.AsArray() ?? [])
        {
            var copy = item!.DeepClone().AsObject();
            copy["kind"] ??= kind;
            copy["apiVersion"] ??= list["apiVersion"]?.DeepClone();
            items.Add(copy);
        }
        return items;
    }

    /// <summary><c>kind.group/name</c> in lower case, the group left out for the core API (kubectl NamePrinter).</summary>
    public static string Name(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var apiVersion = item["apiVersion"]?.GetValue<string>() ?? "";
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = (item["kind"]?.GetValue<string>() ?? "").ToLowerInvariant();
        return $"{kind}{(group.Length > 0 ? "." + group : "")}/{item["metadata"]?["name"]?.GetValue<string>()}";
    }

    // ------------------------------------------------------------------ JSON

    /// <summary>Go's <c>json.MarshalIndent(v, "", "    ")</c> of a decoded map: sorted keys, HTML characters escaped.</summary>
    public static string Json(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteJson(text, node, 0);
        return text.ToString();
    }

    private static void WriteJson(StringBuilder text, JsonNode? node, int depth)
    {
        var indent = new string(' ', 4 * (depth + 1));
        switch (node)
        {
            case JsonObject map when map.Count == 0:
                text.Append("{}");
                break;
            case JsonObject map:
                text.Append("{\n");
                var first = true;
                foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",\n").Append(indent);
                    JsonString(text, key);
                    text.Append(": ");
                    WriteJson(text, value, depth + 1);
                    first = false;
                }
                text.Append('\n').Append(' ', 4 * depth).Append('}');
                break;
            case JsonArray list when list.Count == 0:
                text.Append("[]");
                break;
            case JsonArray list:
                text.Append("[\n");
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",\n").Append(indent);
                    WriteJson(text, list[i], depth + 1);
                }
                text.Append('\n').Append(' ', 4 * depth).Append(']');
                break;
            case null:
                text.Append("null");
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                JsonString(text, s);
                break;
            case JsonValue value when value.TryGetValue<bool>(out var b):
                text.Append(b ? "true" : "false");
                break;
            default:
                text.Append(Number(node));
                break;
        }
    }

    private static void JsonString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                // Go's encoder escapes these so the JSON can sit inside HTML and JavaScript.
                '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        text.Append('"');
    }

    /// <summary>
    /// A JSON number as written: the incident API's numbers are all integers, which Go prints as
    /// they are (its float formatting, which differs, is never needed here).
    /// </summary>
    private static string Number(JsonNode node) => node.ToJsonString();

    // ------------------------------------------------------------------ YAML

    /// <summary>go-yaml v2's block style for the JSON kubectl decoded: the text <c>kubectl get -o yaml</c> prints.</summary>
    public static string Yaml(JsonNode? node)
    {
        var text = new StringBuilder();
        switch (node)
        {
            case JsonObject map when map.Count > 0:
                YamlMap(text, map, 0);
                break;
            case JsonArray list when list.Count > 0:
                YamlList(text, list, 0);
                break;
            default:
                text.Append(Scalar(node, 0)).Append('\n');
                break;
        }
        return text.ToString();
    }

    /// <param name="firstOnLine">The map is a list item: its first key shares the <c>- </c> line, the rest go under it.</param>
    private static void YamlMap(StringBuilder text, JsonObject map, int indent, bool firstOnLine = false)
    {
        foreach (var (key, value) in map.OrderBy(p => p.Key, NaturalOrder.Instance))
        {
            text.Append(' ', firstOnLine ? 0 : indent).Append(Key(key)).Append(':');
            YamlValue(text, value, indent, inList: false);
            firstOnLine = false;
        }
    }

    private static void YamlList(StringBuilder text, JsonArray list, int indent)
    {
        foreach (var item in list)
        {
            text.Append(' ', indent).Append('-');
            YamlValue(text, item, indent, inList: true);
        }
    }

    /// <summary>What follows <c>key:</c> or <c>-</c>: a nested block on the next lines (a list under a key is not indented), or a scalar on the line.</summary>
    private static void YamlValue(StringBuilder text, JsonNode? value, int indent, bool inList)
    {
        switch (value)
        {
            case JsonObject map when map.Count > 0:
                text.Append(inList ? ' ' : '\n');
                YamlMap(text, map, indent + 2, firstOnLine: inList);
                break;
            case JsonArray list when list.Count > 0:
                text.Append('\n');
                YamlList(text, list, inList ? indent + 2 : indent);
                break;
            default:
                text.Append(' ');
                text.Append(Scalar(value, indent + 2, text.Length - (LastBreak(text) + 1))).Append('\n');
                break;
        }
    }

    private static int LastBreak(StringBuilder text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A key: quoted as a value would be, never folded (a simple key stays on its line).</summary>
    private static string Key(string key) => YamlString(key, indent: null, column: 0);

    /// <summary>
    /// A scalar as go-yaml v2 writes it; <paramref name="indent"/> is where a folded line goes on
    /// (null: not folded) and <paramref name="column"/> where the scalar starts.
    /// </summary>
    private static string Scalar(JsonNode? node, int? indent, int column = 0)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
            case JsonValue value when value.TryGetValue<bool>(out var b):
                return b ? "true" : "false";
            case JsonValue value when value.TryGetValue<string>(out var s):
                return YamlString(s, indent, column);
            default:
                return Number(node);
        }
    }

    private static string YamlString(string s, int? indent, int column)
    {
        if (s.Contains('\n', StringComparison.Ordinal))
        {
            // Literal block; "-" keeps the missing final line break, as go-yaml writes it.
            var chomp = s.EndsWith('\n') ? (s.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "") : "-";
            var pad = new string(' ', indent ?? 2);
            var lines = s.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "" : pad + l);
            return $"|{chomp}\n{string.Join("\n", lines)}";
        }
        if (!ReadsAsString(s) || s.Any(char.IsControl))
        {
            return DoubleQuoted(s);
        }
        if (!PlainAllowed(s))
        {
            return Fold("'" + s.Replace("'", "''", StringComparison.Ordinal) + "'", indent, column);
        }
        return Fold(s, indent, column);
    }

    /// <summary>
    /// go-yaml v2 breaks a long plain or single-quoted scalar at a single space once the line has
    /// passed 80 columns (libyaml's best width), going on at the value's indentation.
    /// </summary>
    private static string Fold(string scalar, int? foldIndent, int column)
    {
        if (foldIndent is not { } indent)
        {
            return scalar;
        }
        var text = new StringBuilder();
        var spaces = false;
        for (var i = 0; i < scalar.Length; i++)
        {
            var c = scalar[i];
            if (c == ' ' && !spaces && column > 80 && i + 1 < scalar.Length && scalar[i + 1] != ' ')
            {
                text.Append('\n').Append(' ', indent);
                column = indent;
                spaces = true;
                continue;
            }
            text.Append(c);
            column++;
            spaces = c == ' ';
        }
        return text.ToString();
    }

    private static string DoubleQuoted(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\t' => "\\t",
                '\r' => "\\r",
                '\0' => "\\0",
                < ' ' or '\x7f' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>go-yaml v2's resolve: would the text, unquoted, read back as a string (not null, a bool, a number, a timestamp)?</summary>
    private static bool ReadsAsString(string s)
    {
        if (s.Length == 0 || s is "~" or "null" or "Null" or "NULL" or "<<"
            or "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
            or "true" or "True" or "TRUE" or "false" or "False" or "FALSE" or "on" or "On" or "ON" or "off" or "Off" or "OFF"
            or ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF")
        {
            return false;
        }
        var hint = s[0];
        if (hint == '.')
        {
            return !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }
        if (hint is not ('+' or '-' or (>= '0' and <= '9')))
        {
            return true;
        }
        if (Timestamp().IsMatch(s) || Base60Float().IsMatch(s))
        {
            return false;
        }
        var plain = s.Replace("_", "", StringComparison.Ordinal);
        return !(GoInt().IsMatch(plain) || YamlFloat().IsMatch(plain) || Binary().IsMatch(plain));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]| +)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?( *(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?$")]
    private static partial System.Text.RegularExpressions.Regex Timestamp();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Base60Float();

    /// <summary>What Go's <c>strconv.ParseInt(s, 0, 64)</c> takes: decimal, 0x hex, 0o/leading-0 octal, 0b binary.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?([1-9][0-9]*|0|0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)$")]
    private static partial System.Text.RegularExpressions.Regex GoInt();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex YamlFloat();

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?0b[01]+$")]
    private static partial System.Text.RegularExpressions.Regex Binary();

    /// <summary>libyaml's scalar analysis for the block context: no indicator that would read as structure, no edge spaces.</summary>
    private static bool PlainAllowed(string s)
    {
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal) || s[0] == ' ' || s[^1] == ' ')
        {
            return false;
        }
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var followedBySpace = i + 1 >= s.Length || s[i + 1] is ' ' or '\t';
            var precededBySpace = i == 0 || s[i - 1] is ' ' or '\t';
            if (i == 0 && (c is '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
                || (c is '?' or ':' or '-' && followedBySpace)))
            {
                return false;
            }
            if ((c == ':' && followedBySpace) || (c == '#' && precededBySpace))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>go-yaml v2's key order (sorter.go): runs of digits compare by value, and a non-letter sorts before a letter.</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y) => Less(x!, y!) ? -1 : Less(y!, x!) ? 1 : 0;

        private static bool Less(string a, string b)
        {
            for (var i = 0; i < a.Length && i < b.Length; i++)
            {
                if (a[i] == b[i])
                {
                    continue;
                }
                bool al = char.IsLetter(a[i]), bl = char.IsLetter(b[i]);
                if (al && bl)
                {
                    return a[i] < b[i];
                }
                if (al || bl)
                {
                    return bl;
                }
                long an = 0, bn = 0;
                if (a[i] == '0' || b[i] == '0')
                {
                    for (var j = i - 1; j >= 0 && char.IsDigit(a[j]); j--)
                    {
                        if (a[j] != '0')
                        {
                            an = bn = 1;
                            break;
                        }
                    }
                }
                int ai, bi;
                for (ai = i; ai < a.Length && char.IsDigit(a[ai]); ai++)
                {
                    an = an * 10 + (a[ai] - '0');
                }
                for (bi = i; bi < b.Length && char.IsDigit(b[bi]); bi++)
                {
                    bn = bn * 10 + (b[bi] - '0');
                }
                if (an != bn)
                {
                    return an < bn;
                }
                if (ai != bi)
                {
                    return ai < bi;
                }
                return a[i] < b[i];
            }
            return a.Length < b.Length;
        }
    }
}
