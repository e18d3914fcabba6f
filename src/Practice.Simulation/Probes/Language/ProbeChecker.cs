namespace Practice.Simulation.Probes.Language;

/// <summary>
/// Decides what each part of a parsed probe is and rejects what does not fit together: a number
/// where a condition is needed, a condition without a time, <c>success(S)</c> outside <c>over</c>,
/// a number probe joined with <c>and</c>. Reports each problem once, at the column of the part at fault.
/// </summary>
internal static class ProbeChecker
{
    private enum Sort
    {
        /// <summary>An untimed count or number literal.</summary>
        Number,

        /// <summary><c>success(S)</c>: only readable over a window.</summary>
        Share,

        /// <summary><c>success(S) OP X</c>: only decidable over a window.</summary>
        ShareTest,

        /// <summary>An untimed yes/no: a boolean quantity, a comparison, and/or/not of those.</summary>
        Condition,

        /// <summary><c>plane(C)</c>, <c>control</c>, <c>data</c>.</summary>
        Plane,

        /// <summary>A timed yes/no: a boolean probe.</summary>
        Clause,

        /// <summary>A timed number: a number probe.</summary>
        Measure,

        /// <summary>Already reported; stay quiet about the rest.</summary>
        Invalid,
    }

    /// <param name="Timeless">Reads nothing from the run (literals, <c>plane(C)</c>), so it needs no time.</param>
    private readonly record struct Typed(Sort Sort, bool Timeless = false);

    private static readonly Typed Invalid = new(Sort.Invalid);

    public static ProbeKind? Check(Expr root, List<ProbeError> errors)
    {
        var checker = new Checker(errors);
        var typed = checker.Visit(root);
        switch (typed.Sort)
        {
            case Sort.Clause:
            case Sort.Condition when typed.Timeless:
                return ProbeKind.Boolean;
            case Sort.Measure:
                return ProbeKind.Number;
            case Sort.Condition:
            case Sort.Number when !typed.Timeless:
                checker.MissingTime(root, typed);
                return null;
            case Sort.Invalid:
                return null;
            default:
                checker.NotACondition(root, typed, "the probe");
                return null;
        }
    }

    private sealed class Checker(List<ProbeError> errors)
    {
        public Typed Visit(Expr e) => e switch
        {
            NumberLiteral => new(Sort.Number, Timeless: true),
            BoolLiteral => new(Sort.Condition, Timeless: true),
            PlaneLiteral or PlaneOfComponent => new(Sort.Plane, Timeless: true),
            PodsQuantity or ContainersQuantity or EndpointsQuantity or RulesQuantity or RestartsQuantity or SchedulerQueueQuantity
                or LeaderQuantity => new(Sort.Number),
            SuccessQuantity => new(Sort.Share),
            NodeConditionQuantity or ClusterConditionQuantity => new(Sort.Condition),
            Comparison c => VisitComparison(c),
            NotExpr n => VisitNot(n),
            LogicalExpr l => VisitLogical(l),
            AtExpr a => VisitAt(a),
            WindowExpr w => VisitWindow(w.Body, w.Kind == WindowKind.Throughout ? "throughout" : "sometime"),
            ByExpr b => VisitWindow(b.Body, "by"),
            OverExpr o => VisitOver(o),
            TimeUntilExpr t => VisitTimeUntil(t),
            _ => throw new InvalidOperationException($"unknown probe node {e.GetType().Name}"),
        };

        private Typed VisitComparison(Comparison c)
        {
            var left = Visit(c.Left);
            var right = Visit(c.Right);
            if (left.Sort == Sort.Invalid || right.Sort == Sort.Invalid)
            {
                return Invalid;
            }
            foreach (var (side, typed) in new[] { (c.Left, left), (c.Right, right) })
            {
                if (typed.Sort is Sort.Clause or Sort.Measure)
                {
                    return Report(side.Column,
                        $"`{F(side)}` already has a time: compare first and put the time after the comparison, like `restarts(web) > 3 at 10m`");
                }
                if (typed.Sort == Sort.ShareTest)
                {
                    return Report(c.OpColumn, "comparisons do not chain: join two comparisons with `and`");
                }
            }

            var op = ProbeFormatter.OpText(c.Op);
            var equality = c.Op is CompareOp.Equal or CompareOp.NotEqual;
            switch (left.Sort, right.Sort)
            {
                case (Sort.Share, Sort.Number):
                    return ShareTest(c.Right);
                case (Sort.Number, Sort.Share):
                    return ShareTest(c.Left);
                case (Sort.Number, Sort.Number):
                    if (new[] { c.Left, c.Right }.OfType<NumberLiteral>().FirstOrDefault(n => n.IsPercent) is { } percent)
                    {
                        return Report(percent.Column, $"`{percent.Text}` is a percentage: percentages only compare with success(S)");
                    }
                    return new(Sort.Condition, left.Timeless && right.Timeless);
                case (Sort.Condition, Sort.Condition) when equality:
                    return new(Sort.Condition, left.Timeless && right.Timeless);
                case (Sort.Condition, Sort.Condition):
                    return Report(c.OpColumn, $"`{op}` does not apply to yes/no conditions: use `==` or `!=`");
                case (Sort.Plane, Sort.Plane) when equality:
                    return new(Sort.Condition, Timeless: true);
                case (Sort.Plane, Sort.Plane):
                    return Report(c.OpColumn, $"`{op}` does not apply to planes: use `==` or `!=` with control or data");
                default:
                    var hint = (left.Sort, right.Sort) switch
                    {
                        (Sort.Condition, _) or (_, Sort.Condition) => ": compare a yes/no condition with true or false",
                        (Sort.Plane, _) or (_, Sort.Plane) => ": compare a plane with control or data",
                        _ => "",
                    };
                    return Report(c.OpColumn,
                        $"cannot compare {Describe(left)} `{F(c.Left)}` with {Describe(right)} `{F(c.Right)}`{hint}");
            }

            Typed ShareTest(Expr threshold)
            {
                if (threshold is not NumberLiteral literal)
                {
                    return Report(threshold.Column, $"compare success(S) with a share like 0.99 or 99%, not `{F(threshold)}`");
                }
                if (literal.Value is < 0 or > 1)
                {
                    return Report(literal.Column, $"`{literal.Text}` is not a share: success(S) is between 0 and 1 (or 0% and 100%)");
                }
                return new(Sort.ShareTest);
            }
        }

        private Typed VisitNot(NotExpr n)
        {
            var operand = Visit(n.Operand);
            return operand.Sort switch
            {
                Sort.Condition or Sort.Clause or Sort.Invalid => operand,
                _ => NotACondition(n.Operand, operand, "`not`"),
            };
        }

        private Typed VisitLogical(LogicalExpr l)
        {
            var word = l.Op == LogicalOp.And ? "`and`" : "`or`";
            var left = Visit(l.Left);
            var right = Visit(l.Right);
            if (left.Sort is not (Sort.Condition or Sort.Clause or Sort.Invalid))
            {
                return NotACondition(l.Left, left, word);
            }
            if (right.Sort is not (Sort.Condition or Sort.Clause or Sort.Invalid))
            {
                return NotACondition(l.Right, right, word);
            }
            if (left.Sort == Sort.Invalid || right.Sort == Sort.Invalid)
            {
                return Invalid;
            }
            if (left.Sort == Sort.Condition && right.Sort == Sort.Condition)
            {
                return new(Sort.Condition, left.Timeless && right.Timeless);
            }
            // One side is timed: the other must be timed too, or read nothing from the run.
            foreach (var (side, typed) in new[] { (l.Left, left), (l.Right, right) })
            {
                if (typed is { Sort: Sort.Condition, Timeless: false })
                {
                    return MissingTime(side, typed);
                }
            }
            return new(Sort.Clause);
        }

        private Typed VisitAt(AtExpr a)
        {
            var body = Visit(a.Body);
            return body.Sort switch
            {
                Sort.Condition => new(Sort.Clause),
                Sort.Number when body.Timeless =>
                    Report(a.Body.Column, $"`{F(a.Body)}` is a constant: a number probe reads a quantity, like `restarts(web) at 10m`"),
                Sort.Number => new(Sort.Measure),
                Sort.Invalid => Invalid,
                _ => NotACondition(a.Body, body, "`at`"),
            };
        }

        private Typed VisitWindow(Expr bodyExpr, string keyword)
        {
            var body = Visit(bodyExpr);
            return body.Sort switch
            {
                Sort.Condition => new(Sort.Clause),
                Sort.Invalid => Invalid,
                _ => NotACondition(bodyExpr, body, $"`{keyword}`"),
            };
        }

        private Typed VisitOver(OverExpr o)
        {
            var body = Visit(o.Body);
            return body.Sort switch
            {
                Sort.ShareTest => new(Sort.Clause),
                Sort.Share => new(Sort.Measure),
                Sort.Invalid => Invalid,
                Sort.Clause or Sort.Measure => AlreadyTimed(o.Body),
                _ => Report(o.KeywordColumn,
                    "`over` measures success(S) over a window, like `success(web) >= 0.99 over 2m..10m`; for other conditions use throughout or sometime"),
            };
        }

        private Typed VisitTimeUntil(TimeUntilExpr t)
        {
            var condition = Visit(t.Condition);
            return condition.Sort switch
            {
                Sort.Condition => new(Sort.Measure),
                Sort.Invalid => Invalid,
                _ => NotACondition(t.Condition, condition, "`time_until`"),
            };
        }

        /// <summary>Reports <paramref name="e"/> where a condition without a time was needed.</summary>
        public Typed NotACondition(Expr e, Typed typed, string context)
        {
            var text = F(e);
            return typed.Sort switch
            {
                Sort.Number => Report(e.Column, $"`{text}` is a number, not a condition: compare it, like `{text} > 0`"),
                Sort.Share or Sort.ShareTest => SuccessOutsideOver(e),
                Sort.Plane => Report(e.Column, $"`{text}` is control or data, not a condition: compare it, like `{text} == data`"),
                Sort.Measure when context is "`and`" or "`or`" or "`not`" or "the probe" =>
                    Report(e.Column, $"`{text}` is a number probe: it stands alone and cannot be combined with {context}"),
                Sort.Clause or Sort.Measure => AlreadyTimed(e, context),
                _ => Invalid,
            };
        }

        public Typed MissingTime(Expr e, Typed typed) => typed.Sort == Sort.Number
            ? Report(e.Column, $"missing time: `{F(e)}` needs `at T`, like `{F(e)} at 10m`")
            : Report(e.Column, $"missing time: `{F(e)}` needs `at T`, `throughout T1..T2`, `sometime T1..T2` or `by T`");

        private Typed AlreadyTimed(Expr e, string? context = null) =>
            Report(e.Column, $"`{F(e)}` already has a time" + (context is null ? "" : $": {context} takes a condition without one"));

        private Typed SuccessOutsideOver(Expr e)
        {
            var success = e as SuccessQuantity ?? (e as Comparison)?.Left as SuccessQuantity ?? (e as Comparison)?.Right as SuccessQuantity;
            var column = success?.Column ?? e.Column;
            var example = e is Comparison ? F(e) : $"{F(e)} >= 0.99";
            return Report(column, $"`success({success?.Service.Value ?? "S"})` is measured over a window: write `{example} over T1..T2`");
        }

        private static string Describe(Typed typed) => typed.Sort switch
        {
            Sort.Number => "the number",
            Sort.Share => "the share",
            Sort.Condition => "the condition",
            Sort.Plane => "the plane",
            _ => "",
        };

        private Typed Report(int column, string message)
        {
            errors.Add(new ProbeError(column, message));
            return Invalid;
        }

        private static string F(Expr e) => ProbeFormatter.Format(e);
    }
}
