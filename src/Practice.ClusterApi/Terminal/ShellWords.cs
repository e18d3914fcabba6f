using System.Text;

namespace Practice.ClusterApi.Terminal;

/// <summary>
/// A command line split into words as a POSIX shell splits it, for the few forms a console needs:
/// blanks separate words, single quotes keep everything, double quotes keep everything but a
/// backslash before <c>"</c> or <c>\</c>, and a backslash outside quotes keeps the next character.
/// </summary>
public static class ShellWords
{
    /// <summary>The words, or an error in bash's words (an unclosed quote, a pipe or redirection it does not run).</summary>
    public static (IReadOnlyList<string> Words, string? Error) Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                    break;
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return ([], "bash: unexpected EOF while looking for matching `''");
                    }
                    word.Append(line, i + 1, close - i - 1);
                    (i, inWord) = (close, true);
                    break;
                case '"':
                    var j = i + 1;
                    for (; j < line.Length && line[j] != '"'; j++)
                    {
                        if (line[j] == '\\' && j + 1 < line.Length && line[j + 1] is '"' or '\\')
                        {
                            j++;
                        }
                        word.Append(line[j]);
                    }
                    if (j >= line.Length)
                    {
                        return ([], "bash: unexpected EOF while looking for matching `\"'");
                    }
                    (i, inWord) = (j, true);
                    break;
                case '\\':
                    if (i + 1 < line.Length)
                    {
                        word.Append(line[++i]);
                        inWord = true;
                    }
                    break;
                case '|' or '>' or '<' or ';' or '&' or '`' or '$':
                    return ([], $"practice: this console runs one command at a time: '{c}' (pipes, redirections, variables, several commands) is not available");
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return (words, null);
    }
}
