namespace Practice.Simulation.Probes.Language;

internal enum TokenKind
{
    /// <summary>Starts with a letter or <c>_</c>: keywords, function names, names, phases, <c>end</c>.</summary>
    Word,

    /// <summary>Starts with a digit: numbers (<c>6</c>, <c>0.99</c>, <c>99%</c>), times (<c>1m30s</c>), names (<c>2048-game</c>).</summary>
    Literal,

    LeftParen,
    RightParen,
    Comma,
    Dot,
    DotDot,

    /// <summary>A single <c>=</c>, only for <c>node = N</c>.</summary>
    Assign,

    /// <summary><c>== != &lt; &lt;= &gt; &gt;=</c>.</summary>
    Compare,

    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Column)
{
    /// <summary>How an error message names this token.</summary>
    public string Describe() => Kind == TokenKind.End ? "the end of the probe" : $"`{Text}`";
}

/// <summary>A fatal syntax error: the parser cannot go on after it.</summary>
internal sealed class ProbeSyntaxException(ProbeError error) : Exception(error.Message)
{
    public ProbeError Error { get; } = error;
}

/// <summary>Splits probe text into tokens. Hyphens belong to words, so <c>kube-apiserver</c> and <c>node-2</c> are one token each.</summary>
internal static class ProbeLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", column));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", column));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", column));
                    i++;
                    continue;
                case '.' when next == '.':
                    tokens.Add(new Token(TokenKind.DotDot, "..", column));
                    i += 2;
                    continue;
                case '.':
                    tokens.Add(new Token(TokenKind.Dot, ".", column));
                    i++;
                    continue;
                case '=' when next == '=':
                case '!' when next == '=':
                case '<' when next == '=':
                case '>' when next == '=':
                    tokens.Add(new Token(TokenKind.Compare, text.Substring(i, 2), column));
                    i += 2;
                    continue;
                case '=':
                    tokens.Add(new Token(TokenKind.Assign, "=", column));
                    i++;
                    continue;
                case '<':
                case '>':
                    tokens.Add(new Token(TokenKind.Compare, c.ToString(), column));
                    i++;
                    continue;
                case '!':
                    throw Error(column, "unexpected `!`: write `!=` to compare, or `not` to negate a condition");
                case '–' or '—':
                    throw Error(column, $"unexpected `{c}`: write a window as T1..T2, with two dots");
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Word, text[start..i], column));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                // A fraction only when a digit follows the dot, so "2..6m" stays a range.
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }
                if (i < text.Length && text[i] == '%')
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Literal, text[start..i], column));
                continue;
            }

            throw Error(column, $"unexpected character `{c}`");
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-';

    private static ProbeSyntaxException Error(int column, string message) => new(new ProbeError(column, message));
}
