using System.Globalization;
using Practice.Simulation.Model;
using Practice.Simulation.Probes.Language;

namespace Practice.Simulation.Probes;

/// <summary>
/// Parses the probe language of scenario-format.md: a hand-written lexer and a recursive-descent
/// parser. Syntax errors stop the parse; problems that leave the tree readable (an unknown phase
/// or component, a bad time literal, a window that ends before it starts) are collected, and a
/// checker then rejects what does not fit together (a number where a condition is needed, a
/// condition without a time, <c>success(S)</c> outside <c>over</c>). Every error names its column.
/// </summary>
/// <remarks>
/// <code>
/// probe       = or_expr EOF ;
/// or_expr     = and_expr { "or" and_expr } ;
/// and_expr    = timed { "and" timed } ;
/// timed       = not_expr [ "at" time | "by" time
///                        | "throughout" window | "sometime" window | "over" window ] ;
/// not_expr    = "not" not_expr | comparison ;
/// comparison  = primary [ ( "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ) primary ] ;
/// primary     = "(" or_expr ")" | quantity | number | "true" | "false" | "control" | "data"
///             | "time_until" "(" or_expr ")" "after" time ;
/// quantity    = "pods" "(" NAME [ "," PHASE ] [ "," node_filter ] ")"
///             | "pods" "(" NAME "," node_filter ")"
///             | "containers" "(" NAME [ "," node_filter ] ")"
///             | "endpoints" "(" NAME ")" | "success" "(" NAME ")" | "restarts" "(" NAME ")"
///             | "rules" "(" NAME "," "node" "=" NAME ")"
///             | "node" "(" NAME ")" "." ( "ready" | "schedulable" | "exists" )
///             | "leader" "(" ELECTED ")"      (* the leading replica, 1..n; 0 when none *)
///             | "plane" "(" COMPONENT ")"
///             | "scheduler.queue" | "api.available" | "api.writable" | "etcd.quorum" | "etcd.leader" ;
/// node_filter = "node" ( "=" | "!=" ) NAME ;
/// window      = time ".." time ;
/// time        = "end" | DURATION ;            (* 90s, 2m, 1m30s, 500ms, 1h; largest unit first *)
/// number      = DIGITS [ "." DIGITS ] [ "%" ] ;  (* 99% is 0.99; only against success(S) *)
/// NAME        = [a-z0-9] [a-z0-9-]* ;          (* workload, Service or node *)
/// PHASE       = "Pending" | "ContainerCreating" | "Running" | "Ready" | "Terminating"
///             | "CrashLoopBackOff" | "Failed" | "Unknown" | "ErrImagePull" | "ImagePullBackOff" ;
/// ELECTED     = "kube-scheduler" | "kube-controller-manager" | "cloud-controller-manager" | "etcd" ;
/// </code>
/// Precedence, loosest first: <c>or</c>, <c>and</c>, the time suffix, <c>not</c>, comparison. So a
/// suffix applies to the one (possibly negated) comparison or parenthesised condition it follows:
/// <c>A throughout 2m..6m and B at 3m</c> is two timed clauses joined by <c>and</c>, and
/// <c>(A and B) at 3m</c> times both. <c>not</c> binds tighter than the suffix because that is how
/// it reads: <c>not api.available throughout 2m..6m</c> means the API was unavailable for the
/// whole window; <c>not (api.available throughout 2m..6m)</c> means it was unavailable at some
/// point. What each part may be is decided after parsing:
/// <list type="bullet">
/// <item>A boolean probe is timed clauses joined by <c>and</c>/<c>or</c>/<c>not</c>. A condition
/// that reads nothing from the run (<c>plane(kubelet) == data</c>) needs no time.</item>
/// <item>A number probe is a quantity at a time (<c>restarts(web) at 10m</c>), a share over a
/// window (<c>success(web) over 2m..10m</c>, 0..1), or <c>time_until(C) after T</c> (seconds),
/// and stands alone.</item>
/// <item><c>by T</c> means "held at some instant in 0..T", the same as <c>sometime 0..T</c>.</item>
/// <item>Boolean quantities (<c>api.available</c>, <c>node(N).ready</c>, ...) stand alone as
/// conditions or compare with <c>true</c>/<c>false</c> using <c>==</c>/<c>!=</c>;
/// <c>plane(C)</c> compares with <c>control</c>/<c>data</c>.</item>
/// </list>
/// </remarks>
public static class ProbeParser
{
    /// <summary>Event kinds an <c>order</c> question may name, as the engine emits them in the trace.</summary>
    public static IReadOnlyList<string> EventKinds => ProbeEvents.Kinds;

    public static ProbeParseResult Parse(string text)
    {
        text ??= "";
        var errors = new List<ProbeError>();
        Expr root;
        try
        {
            root = new Parser(ProbeLexer.Tokenize(text), errors).ParseProbe();
        }
        catch (ProbeSyntaxException e)
        {
            errors.Add(e.Error);
            return new ProbeParseResult(null, ProbeText.Ordered(errors));
        }

        var kind = ProbeChecker.Check(root, errors);
        if (errors.Count > 0 || kind is null)
        {
            return new ProbeParseResult(null, ProbeText.Ordered(errors));
        }
        Probe probe = kind == ProbeKind.Number ? new NumberProbe(text.Trim(), root) : new BooleanProbe(text.Trim(), root);
        return new ProbeParseResult(probe, []);
    }

    /// <summary>Parses an event reference of an <c>order</c> question, e.g. <c>PodScheduled(web)</c>.</summary>
    public static EventRefParseResult ParseEvent(string text) => ProbeEvents.Parse(text ?? "");

    private static readonly string[] PhaseNames = Enum.GetNames<PodPhase>();

    private static readonly string[] FunctionNames = ["pods", "containers", "endpoints", "rules", "success", "restarts", "node", "leader", "plane", "time_until"];

    /// <summary>What <c>leader(...)</c> takes: the leader-elected components and etcd.</summary>
    public static readonly string[] ElectedComponents = ["kube-scheduler", "kube-controller-manager", "cloud-controller-manager", "etcd"];

    private static readonly Dictionary<string, Expr> DottedQuantities = new()
    {
        ["scheduler.queue"] = new SchedulerQueueQuantity(0),
        ["api.available"] = new ClusterConditionQuantity(ClusterCondition.ApiAvailable, 0),
        ["api.writable"] = new ClusterConditionQuantity(ClusterCondition.ApiWritable, 0),
        ["etcd.quorum"] = new ClusterConditionQuantity(ClusterCondition.EtcdQuorum, 0),
        ["etcd.leader"] = new ClusterConditionQuantity(ClusterCondition.EtcdLeader, 0),
    };

    private static readonly string[] Constants = ["true", "false", "control", "data"];

    private static readonly string[] TimeKeywords = ["at", "throughout", "sometime", "by", "over"];

    private static readonly string[] Keywords = ["and", "or", "not", "at", "throughout", "sometime", "by", "over", "after", "end"];

    private static readonly Dictionary<string, string> Signatures = new()
    {
        ["pods"] = "pods(W[, PHASE][, node = N | node != N])",
        ["containers"] = "containers(W[, node = N | node != N])",
        ["endpoints"] = "endpoints(S)",
        ["rules"] = "rules(S, node = N)",
        ["success"] = "success(S)",
        ["restarts"] = "restarts(W)",
        ["node"] = "node(N).ready, node(N).schedulable or node(N).exists",
        ["leader"] = "leader(COMPONENT)",
        ["plane"] = "plane(COMPONENT)",
        ["time_until"] = "time_until(CONDITION) after T",
    };

    private sealed class Parser(List<Token> tokens, List<ProbeError> errors)
    {
        private int position;

        private Token Current => tokens[position];

        private Token Peek => tokens[Math.Min(position + 1, tokens.Count - 1)];

        public Expr ParseProbe()
        {
            if (Current.Kind == TokenKind.End)
            {
                throw Fatal(1, "the probe is empty: write a condition with a time, like `pods(web, Running) == 6 at 5m`");
            }
            var probe = ParseOr();
            if (Current.Kind != TokenKind.End)
            {
                throw Trailing();
            }
            return probe;
        }

        private Expr ParseOr()
        {
            var left = ParseAnd();
            while (AtWord("or"))
            {
                Advance();
                left = new LogicalExpr(LogicalOp.Or, left, ParseAnd());
            }
            return left;
        }

        private Expr ParseAnd()
        {
            var left = ParseTimed();
            while (AtWord("and"))
            {
                Advance();
                left = new LogicalExpr(LogicalOp.And, left, ParseTimed());
            }
            return left;
        }

        private Expr ParseTimed()
        {
            var body = ParseNot();
            if (Current.Kind != TokenKind.Word || !TimeKeywords.Contains(Current.Text))
            {
                return body;
            }
            var keyword = Advance();
            Expr timed;
            switch (keyword.Text)
            {
                case "at":
                    timed = new AtExpr(body, ParseTime("at"));
                    break;
                case "by":
                    timed = new ByExpr(body, ParseTime("by"));
                    break;
                case "over":
                    var (overFrom, overTo) = ParseWindow("over");
                    timed = new OverExpr(body, overFrom, overTo, keyword.Column);
                    break;
                default:
                    var kind = keyword.Text == "throughout" ? WindowKind.Throughout : WindowKind.Sometime;
                    var (from, to) = ParseWindow(keyword.Text);
                    timed = new WindowExpr(kind, body, from, to);
                    break;
            }
            if (Current.Kind == TokenKind.Word && TimeKeywords.Contains(Current.Text))
            {
                throw Fatal(Current.Column,
                    $"`{ProbeFormatter.Format(timed)}` already has a time: a condition takes one of at, throughout, sometime, by or over");
            }
            return timed;
        }

        private Expr ParseNot()
        {
            if (AtWord("not"))
            {
                var not = Advance();
                return new NotExpr(ParseNot(), not.Column);
            }
            return ParseComparison();
        }

        private Expr ParseComparison()
        {
            var left = ParsePrimary();
            if (Current.Kind == TokenKind.Assign)
            {
                throw Fatal(Current.Column, "use `==` to compare (a single `=` is only for `node = N`)");
            }
            if (Current.Kind != TokenKind.Compare)
            {
                return left;
            }
            var op = Advance();
            var right = ParsePrimary();
            if (Current.Kind == TokenKind.Compare)
            {
                throw Fatal(Current.Column, "comparisons do not chain: join two comparisons with `and`");
            }
            return new Comparison(left, Op(op.Text), op.Column, right);
        }

        private Expr ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.LeftParen:
                    Advance();
                    var inner = ParseOr();
                    Close(token, $"to close the `(` at column {token.Column}");
                    return inner with { Column = token.Column };
                case TokenKind.Literal:
                    Advance();
                    return ParseNumber(token);
                case TokenKind.Word:
                    return ParseWord();
                default:
                    throw Fatal(token.Column, $"expected a condition or a quantity, found {token.Describe()}");
            }
        }

        private Expr ParseNumber(Token token)
        {
            var text = token.Text;
            var percent = text.EndsWith('%');
            var digits = percent ? text[..^1] : text;
            if (digits.All(c => char.IsAsciiDigit(c) || c == '.')
                && double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return new NumberLiteral(percent ? value / 100 : value, percent, text, token.Column);
            }
            if (ProbeText.TryParseDuration(text, out _))
            {
                throw Fatal(token.Column, $"expected a number, found the time `{text}`: a time goes after at, throughout, sometime, by, over or after");
            }
            throw Fatal(token.Column, $"bad number `{text}`: write a count like 6, a share like 0.99, or a percentage like 99%");
        }

        private Expr ParseWord()
        {
            var word = Advance();
            switch (word.Text)
            {
                case "true":
                    return new BoolLiteral(true, word.Column);
                case "false":
                    return new BoolLiteral(false, word.Column);
                case "control":
                    return new PlaneLiteral(Plane.Control, word.Column);
                case "data":
                    return new PlaneLiteral(Plane.Data, word.Column);
                case "time_until":
                    return ParseTimeUntil(word);
            }

            if (Current.Kind == TokenKind.LeftParen)
            {
                return ParseCall(word);
            }
            if (Current.Kind == TokenKind.Dot)
            {
                return ParseDotted(word);
            }
            if (FunctionNames.Contains(word.Text))
            {
                throw Fatal(Current.Column, $"expected `(` after `{word.Text}`, found {Current.Describe()}: write {Signatures[word.Text]}");
            }
            if (word.Text is "api" or "etcd" or "scheduler")
            {
                var options = DottedQuantities.Keys.Where(k => k.StartsWith(word.Text + ".", StringComparison.Ordinal));
                throw Fatal(Current.Column, $"expected `.` after `{word.Text}`: write {string.Join(" or ", options)}");
            }
            if (Keywords.Contains(word.Text))
            {
                throw Fatal(word.Column, $"expected a condition or a quantity, found `{word.Text}`");
            }
            var known = FunctionNames.Concat(DottedQuantities.Keys).Concat(Constants).ToList();
            throw Fatal(word.Column, $"unknown quantity `{word.Text}`" +
                (ProbeText.Closest(word.Text, known) is { } close ? $": did you mean `{close}`?" : ""));
        }

        private Expr ParseCall(Token name)
        {
            var open = Advance();
            Expr call;
            switch (name.Text)
            {
                case "pods":
                {
                    var workload = ParseName("workload");
                    PodPhase? phase = null;
                    NodeFilterRef? filter = null;
                    if (Current.Kind == TokenKind.Comma)
                    {
                        Advance();
                        if (AtNodeFilter())
                        {
                            filter = ParseNodeFilter(name.Text);
                        }
                        else
                        {
                            phase = ParsePhase();
                            if (Current.Kind == TokenKind.Comma)
                            {
                                Advance();
                                filter = ParseNodeFilter(name.Text);
                            }
                        }
                    }
                    call = new PodsQuantity(workload, phase, filter, name.Column);
                    break;
                }
                case "containers":
                {
                    var workload = ParseName("workload");
                    NodeFilterRef? filter = null;
                    if (Current.Kind == TokenKind.Comma)
                    {
                        Advance();
                        filter = ParseNodeFilter(name.Text);
                    }
                    call = new ContainersQuantity(workload, filter, name.Column);
                    break;
                }
                case "endpoints":
                    call = new EndpointsQuantity(ParseName("Service"), name.Column);
                    break;
                case "success":
                    call = new SuccessQuantity(ParseName("Service"), name.Column);
                    break;
                case "restarts":
                    call = new RestartsQuantity(ParseName("workload"), name.Column);
                    break;
                case "rules":
                {
                    var service = ParseName("Service");
                    if (Current.Kind != TokenKind.Comma)
                    {
                        throw Fatal(Current.Column, $"expected `, node = N` after the Service, found {Current.Describe()}: write rules(S, node = N)");
                    }
                    Advance();
                    var filter = ParseNodeFilter(name.Text, allowNotEqual: false);
                    call = new RulesQuantity(service, filter.Node, name.Column);
                    break;
                }
                case "node":
                {
                    var node = ParseName("node");
                    Close(open, $"to close `node(`");
                    return ParseNodeProperty(node, name);
                }
                case "plane":
                    call = ParseComponent(name);
                    break;
                case "leader":
                {
                    var token = Current;
                    if (token.Kind != TokenKind.Word)
                    {
                        throw Fatal(token.Column, $"expected a component, found {token.Describe()}: write leader(kube-scheduler)");
                    }
                    Advance();
                    if (!ElectedComponents.Contains(token.Text))
                    {
                        errors.Add(new ProbeError(token.Column, ProbeText.Unknown("leader-elected component", token.Text, ElectedComponents)));
                    }
                    call = new LeaderQuantity(token.Text, name.Column);
                    break;
                }
                default:
                    throw Fatal(name.Column, ProbeText.Unknown("function", name.Text, FunctionNames));
            }
            Close(open, $"to close `{name.Text}(`", Signatures[name.Text]);
            return call;
        }

        private Expr ParseNodeProperty(NameRef node, Token name)
        {
            if (Current.Kind != TokenKind.Dot)
            {
                throw Fatal(Current.Column, $"expected `.ready`, `.schedulable` or `.exists` after `node({node.Value})`, found {Current.Describe()}");
            }
            Advance();
            var property = Current;
            if (property.Kind != TokenKind.Word)
            {
                throw Fatal(property.Column, $"expected `ready`, `schedulable` or `exists` after `node({node.Value}).`, found {property.Describe()}");
            }
            Advance();
            switch (property.Text)
            {
                case "ready":
                    return new NodeConditionQuantity(node, NodeCondition.Ready, name.Column);
                case "schedulable":
                    return new NodeConditionQuantity(node, NodeCondition.Schedulable, name.Column);
                case "exists":
                    return new NodeConditionQuantity(node, NodeCondition.Exists, name.Column);
                default:
                    throw Fatal(property.Column, $"unknown node condition `{property.Text}`: " +
                        (ProbeText.Closest(property.Text, ["ready", "schedulable", "exists"]) is { } close
                            ? $"did you mean `{close}`?"
                            : "write node(N).ready, node(N).schedulable or node(N).exists"));
            }
        }

        private Expr ParseDotted(Token first)
        {
            Advance();
            var second = Current;
            var written = second.Kind is TokenKind.Word or TokenKind.Literal ? $"{first.Text}.{second.Text}" : $"{first.Text}.";
            if (second.Kind is TokenKind.Word or TokenKind.Literal)
            {
                Advance();
                if (DottedQuantities.TryGetValue(written, out var quantity))
                {
                    return quantity with { Column = first.Column };
                }
            }
            throw Fatal(first.Column, ProbeText.Unknown("quantity", written, DottedQuantities.Keys, "dotted quantities"));
        }

        private Expr ParseComponent(Token name)
        {
            var token = Current;
            if (token.Kind != TokenKind.Word)
            {
                throw Fatal(token.Column, $"expected a component name, found {token.Describe()}: write plane(COMPONENT), e.g. plane(kubelet)");
            }
            Advance();
            // Qualified: the engine's Practice.Simulation.Components namespace would shadow the class.
            if (Model.Components.TryParse(token.Text, out var component))
            {
                return new PlaneOfComponent(token.Text, component, name.Column);
            }
            var names = Model.Components.Names.ToList();
            errors.Add(new ProbeError(token.Column, ProbeText.Unknown("component", token.Text, names)));
            return new PlaneOfComponent(token.Text, null, name.Column);
        }

        private Expr ParseTimeUntil(Token word)
        {
            if (Current.Kind != TokenKind.LeftParen)
            {
                throw Fatal(Current.Column, $"expected `(` after `time_until`, found {Current.Describe()}: write {Signatures["time_until"]}");
            }
            var open = Advance();
            var condition = ParseOr();
            Close(open, "to close `time_until(`");
            if (!AtWord("after"))
            {
                throw Fatal(Current.Column,
                    $"expected `after T` after `time_until(...)`, found {Current.Describe()}: e.g. time_until(pods(web, Running) == 6) after 2m");
            }
            Advance();
            return new TimeUntilExpr(condition, ParseTime("after"), word.Column);
        }

        private bool AtNodeFilter() =>
            AtWord("node") && (Peek.Kind == TokenKind.Assign || Peek is { Kind: TokenKind.Compare, Text: "!=" or "==" });

        private NodeFilterRef ParseNodeFilter(string function, bool allowNotEqual = true)
        {
            if (!AtWord("node"))
            {
                throw Fatal(Current.Column, $"expected `node = N` or `node != N`, found {Current.Describe()}: write {Signatures[function]}");
            }
            Advance();
            var op = Current;
            bool equal;
            if (op.Kind == TokenKind.Assign)
            {
                equal = true;
            }
            else if (op is { Kind: TokenKind.Compare, Text: "!=" })
            {
                if (!allowNotEqual)
                {
                    throw Fatal(op.Column, "rules(S, node = N) reads one node's kube-proxy rules: write `node = N`");
                }
                equal = false;
            }
            else
            {
                throw Fatal(op.Column, $"expected `=` or `!=` after `node`, found {op.Describe()}");
            }
            Advance();
            return new NodeFilterRef(ParseName("node"), equal);
        }

        private PodPhase? ParsePhase()
        {
            var token = Current;
            if (token.Kind != TokenKind.Word)
            {
                throw Fatal(token.Column, $"expected a phase or `node = N`, found {token.Describe()}: write {Signatures["pods"]}");
            }
            Advance();
            if (PhaseNames.Contains(token.Text))
            {
                return Enum.Parse<PodPhase>(token.Text);
            }
            var close = ProbeText.Closest(token.Text, PhaseNames);
            errors.Add(new ProbeError(token.Column, $"unknown phase `{token.Text}`: " +
                (close is null ? "the phases are " : $"did you mean `{close}`? The phases are ") + string.Join(", ", PhaseNames)));
            return null;
        }

        private NameRef ParseName(string role)
        {
            var token = Current;
            if (token.Kind is not (TokenKind.Word or TokenKind.Literal))
            {
                throw Fatal(token.Column, $"expected a {role} name, found {token.Describe()}");
            }
            Advance();
            if (!ProbeText.IsSlug(token.Text))
            {
                errors.Add(new ProbeError(token.Column,
                    $"`{token.Text}` is not a valid {role} name: names are lowercase letters, digits and hyphens"));
            }
            return new NameRef(token.Text, token.Column);
        }

        private TimeRef ParseTime(string after)
        {
            var token = Current;
            if (token is { Kind: TokenKind.Word, Text: "end" })
            {
                Advance();
                return new TimeRef(null, "end", token.Column);
            }
            if (token.Kind != TokenKind.Literal)
            {
                throw Fatal(token.Column, $"missing time after `{after}`: expected a time like {ProbeText.TimeExamples}, found {token.Describe()}");
            }
            Advance();
            if (ProbeText.TryParseDuration(token.Text, out var ms))
            {
                return new TimeRef(ms, token.Text, token.Column);
            }
            var hint = token.Text.All(char.IsAsciiDigit) ? $"add a unit, like {token.Text}s" : $"write a time like {ProbeText.TimeExamples}";
            errors.Add(new ProbeError(token.Column, $"bad time `{token.Text}`: {hint}"));
            return new TimeRef(0, token.Text, token.Column);
        }

        private (TimeRef From, TimeRef To) ParseWindow(string keyword)
        {
            var from = ParseTime(keyword);
            if (Current.Kind != TokenKind.DotDot)
            {
                throw Fatal(Current.Column, $"expected `..` after `{from.Text}`, found {Current.Describe()}: write the window as T1..T2");
            }
            Advance();
            var to = ParseTime("..");
            if (from.Ms is { } a && to.Ms is { } b && a > b)
            {
                errors.Add(new ProbeError(from.Column, $"the window {from.Text}..{to.Text} ends before it starts"));
            }
            return (from, to);
        }

        private void Close(Token open, string purpose, string? signature = null)
        {
            if (Current.Kind == TokenKind.RightParen)
            {
                Advance();
                return;
            }
            if (Current.Kind == TokenKind.End)
            {
                throw Fatal(open.Column, "unclosed `(`: expected `)` before the end of the probe");
            }
            var usage = signature is null ? "" : $": write {signature}";
            if (Current.Kind == TokenKind.Comma && signature is not null)
            {
                throw Fatal(Current.Column, $"too many arguments{usage}");
            }
            throw Fatal(Current.Column, $"expected `)` {purpose}, found {Current.Describe()}{usage}");
        }

        private ProbeSyntaxException Trailing()
        {
            var token = Current;
            if (token.Kind == TokenKind.RightParen)
            {
                return Fatal(token.Column, "unexpected `)`: there is no `(` to close");
            }
            var expected = "expected `and`, `or`, a time (at, throughout, sometime, by, over) or the end of the probe";
            if (token.Kind == TokenKind.Word && ProbeText.Closest(token.Text, [.. TimeKeywords, "and", "or"]) is { } close)
            {
                return Fatal(token.Column, $"unexpected `{token.Text}`: did you mean `{close}`?");
            }
            return Fatal(token.Column, $"unexpected {token.Describe()}: {expected}");
        }

        private bool AtWord(string word) => Current.Kind == TokenKind.Word && Current.Text == word;

        private Token Advance()
        {
            var token = Current;
            if (token.Kind != TokenKind.End)
            {
                position++;
            }
            return token;
        }

        private static CompareOp Op(string text) => text switch
        {
            "==" => CompareOp.Equal,
            "!=" => CompareOp.NotEqual,
            "<" => CompareOp.Less,
            "<=" => CompareOp.LessOrEqual,
            ">" => CompareOp.Greater,
            _ => CompareOp.GreaterOrEqual,
        };

        private static ProbeSyntaxException Fatal(int column, string message) => new(new ProbeError(column, message));
    }
}
