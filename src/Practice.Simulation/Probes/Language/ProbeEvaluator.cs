using Practice.Simulation.Model;

namespace Practice.Simulation.Probes.Language;

/// <summary>
/// Evaluates a checked probe over a run. Every quantity is piecewise constant, so a condition
/// only needs reading at the start of a window and at each change time inside it: that makes
/// <c>throughout</c>, <c>sometime</c>, <c>by</c> and <c>time_until</c> exact, not sampled.
/// </summary>
internal sealed class ProbeEvaluator(IProbeSource source)
{
    /// <summary>What a condition looked like at one instant: whether it held, and the facts behind that.</summary>
    private sealed record Observation(bool Holds, IReadOnlyList<Fact> Facts);

    /// <summary>"web had 4 Running pods", and what the probe wanted when it fell short: "needed 6".</summary>
    private sealed record Fact(string State, string? Needed = null);

    private sealed record Verdict(bool Holds, string Explanation);

    public ProbeResult Evaluate(Expr root, ProbeKind kind)
    {
        if (kind == ProbeKind.Number)
        {
            return Measure(root);
        }
        var verdict = Clause(root);
        return ProbeResult.Verdict(verdict.Holds, verdict.Explanation);
    }

    // ---- number probes ----

    private ProbeResult Measure(Expr e)
    {
        switch (e)
        {
            case AtExpr at:
            {
                var t = Resolve(at.Time);
                var value = Number(at.Body, t);
                return ProbeResult.Measured(value, $"{Phrase(at.Body, value)} at {ProbeText.Clock(t)}");
            }
            case OverExpr over:
            {
                var success = (SuccessQuantity)over.Body;
                var (from, to) = (Resolve(over.From), Resolve(over.To));
                var share = source.Success(success.Service.Value, from, to);
                return ProbeResult.Measured(share, $"{ProbeFormatter.Format(success)} was {ProbeText.Percent(share)} over {ProbeText.Window(from, to)}");
            }
            case TimeUntilExpr until:
            {
                var after = Resolve(until.After);
                var condition = ProbeFormatter.Format(until.Condition);
                foreach (var t in Instants(after, source.DurationMs))
                {
                    if (!Holds(until.Condition, t))
                    {
                        continue;
                    }
                    var seconds = (t - after) / 1000.0;
                    return ProbeResult.Measured(seconds, t == after
                        ? $"{condition} already held at {ProbeText.Clock(after)}"
                        : $"{condition} first held at {ProbeText.Clock(t)}, {ProbeText.Seconds(seconds)} after {ProbeText.Clock(after)}");
                }
                return ProbeResult.Never(
                    $"{condition} never held after {ProbeText.Clock(after)} (the run ends at {ProbeText.Clock(source.DurationMs)})");
            }
            default:
                throw new InvalidOperationException($"`{ProbeFormatter.Format(e)}` is not a number probe");
        }
    }

    // ---- boolean probes ----

    private Verdict Clause(Expr e) => e switch
    {
        AtExpr at => At(at),
        WindowExpr { Kind: WindowKind.Throughout } w => Throughout(w.Body, Resolve(w.From), Resolve(w.To)),
        WindowExpr w => Sometime(w.Body, Resolve(w.From), Resolve(w.To)),
        ByExpr by => Sometime(by.Body, 0, Resolve(by.Time)),
        OverExpr over => Over(over),
        NotExpr n when IsTimed(n.Operand) => Negate(Clause(n.Operand)),
        LogicalExpr l when IsTimed(l) => Logical(l),
        _ => Untimed(e),
    };

    private static Verdict Negate(Verdict verdict) => verdict with { Holds = !verdict.Holds };

    private static bool IsTimed(Expr e) => e switch
    {
        AtExpr or WindowExpr or ByExpr or OverExpr or TimeUntilExpr => true,
        NotExpr n => IsTimed(n.Operand),
        LogicalExpr l => IsTimed(l.Left) || IsTimed(l.Right),
        _ => false,
    };

    /// <summary>A condition that reads nothing from the run, such as <c>plane(kubelet) == data</c>.</summary>
    private Verdict Untimed(Expr e)
    {
        var observation = Observe(e, 0);
        return new Verdict(observation.Holds, Render(observation, null));
    }

    private Verdict At(AtExpr at)
    {
        var t = Resolve(at.Time);
        var observation = Observe(at.Body, t);
        return new Verdict(observation.Holds, Render(observation, $"at {ProbeText.Clock(t)}"));
    }

    private Verdict Throughout(Expr body, long from, long to)
    {
        var constant = new Constancy(this, body, from);
        foreach (var t in Instants(from, to))
        {
            if (!Holds(body, t))
            {
                return new Verdict(false, Render(Observe(body, t), $"at {ProbeText.Clock(t)}"));
            }
            constant.Check(t);
        }
        var window = ProbeText.Window(from, to);
        return new Verdict(true, constant.Held
            ? Render(Observe(body, from), $"throughout {window}")
            : $"{ProbeFormatter.Format(body)} held throughout {window}");
    }

    private Verdict Sometime(Expr body, long from, long to)
    {
        var constant = new Constancy(this, body, from);
        foreach (var t in Instants(from, to))
        {
            if (Holds(body, t))
            {
                return new Verdict(true, Render(Observe(body, t), $"at {ProbeText.Clock(t)}"));
            }
            constant.Check(t);
        }
        var window = ProbeText.Window(from, to);
        return new Verdict(false, constant.Held
            ? Render(Observe(body, from), $"throughout {window}")
            : $"{ProbeFormatter.Format(body)} never held in {window}");
    }

    private Verdict Over(OverExpr over)
    {
        var test = (Comparison)over.Body;
        var (quantity, op, threshold) = Normalize(test);
        var success = (SuccessQuantity)quantity;
        var limit = ((NumberLiteral)threshold).Value;
        var (from, to) = (Resolve(over.From), Resolve(over.To));
        var share = source.Success(success.Service.Value, from, to);
        var holds = Apply(op, share, limit);
        var explanation = $"{ProbeFormatter.Format(success)} was {ProbeText.Percent(share, limit)} over {ProbeText.Window(from, to)}";
        return new Verdict(holds, holds ? explanation : $"{explanation} ({Needed(op, ProbeText.Percent(limit, share), share: true)})");
    }

    private Verdict Logical(LogicalExpr l)
    {
        var left = Clause(l.Left);
        var right = Clause(l.Right);
        if (l.Op == LogicalOp.And)
        {
            return left.Holds && right.Holds
                ? new Verdict(true, $"{left.Explanation}; {right.Explanation}")
                : new Verdict(false, string.Join("; ", new[] { left, right }.Where(v => !v.Holds).Select(v => v.Explanation)));
        }
        return left.Holds || right.Holds
            ? new Verdict(true, (left.Holds ? left : right).Explanation)
            : new Verdict(false, $"{left.Explanation}; {right.Explanation}");
    }

    // ---- conditions at one instant ----

    /// <summary>The instants where a condition must be read to know it over [from, to]: from, then every change after it.</summary>
    private IEnumerable<long> Instants(long from, long to)
    {
        yield return from;
        foreach (var t in source.ChangeTimes(from, to))
        {
            if (t > from && t <= to)
            {
                yield return t;
            }
        }
    }

    private bool Holds(Expr e, long t) => e switch
    {
        BoolLiteral b => b.Value,
        NodeConditionQuantity or ClusterConditionQuantity => Flag(e, t),
        Comparison c => Compare(c, t),
        NotExpr n => !Holds(n.Operand, t),
        LogicalExpr { Op: LogicalOp.And } l => Holds(l.Left, t) && Holds(l.Right, t),
        LogicalExpr l => Holds(l.Left, t) || Holds(l.Right, t),
        _ => throw new InvalidOperationException($"`{ProbeFormatter.Format(e)}` is not a condition"),
    };

    private Observation Observe(Expr e, long t)
    {
        switch (e)
        {
            case BoolLiteral b:
                return new Observation(b.Value, [new Fact(b.Value ? "true" : "false")]);
            case NodeConditionQuantity or ClusterConditionQuantity:
            {
                var value = Flag(e, t);
                return new Observation(value, [new Fact(FlagPhrase(e, value))]);
            }
            case Comparison c:
                return ObserveComparison(c, t);
            case NotExpr n:
            {
                // The facts stay true; what "needed" meant is inverted, so drop it.
                var inner = Observe(n.Operand, t);
                return new Observation(!inner.Holds, [.. inner.Facts.Select(f => f with { Needed = null })]);
            }
            case LogicalExpr l:
            {
                var left = Observe(l.Left, t);
                var right = Observe(l.Right, t);
                if (l.Op == LogicalOp.And)
                {
                    return left.Holds && right.Holds
                        ? new Observation(true, [.. left.Facts, .. right.Facts])
                        : new Observation(false, [.. new[] { left, right }.Where(o => !o.Holds).SelectMany(o => o.Facts)]);
                }
                return left.Holds || right.Holds
                    ? new Observation(true, (left.Holds ? left : right).Facts)
                    : new Observation(false, [.. left.Facts, .. right.Facts]);
            }
            default:
                throw new InvalidOperationException($"`{ProbeFormatter.Format(e)}` is not a condition");
        }
    }

    private Observation ObserveComparison(Comparison c, long t)
    {
        var (left, op, right) = Normalize(c);
        var holds = Compare(c, t);
        var opText = ProbeFormatter.OpText(op);
        switch (OperandKind(left))
        {
            case Kind.Number:
            {
                var (l, r) = (Number(left, t), Number(right, t));
                if (left is NumberLiteral)
                {
                    return new Observation(holds, [new Fact($"{ProbeText.Number(l)} {opText} {ProbeText.Number(r)}")]);
                }
                if (right is NumberLiteral)
                {
                    return new Observation(holds, [new Fact(Phrase(left, l), holds ? null : Needed(op, ProbeText.Number(r), share: false))]);
                }
                return new Observation(holds, [new Fact($"{Phrase(left, l)} and {Phrase(right, r)}",
                    holds ? null : $"needed {ProbeFormatter.Format(left)} {opText} {ProbeFormatter.Format(right)}")]);
            }
            case Kind.Plane:
            {
                if (left is PlaneOfComponent component && right is PlaneLiteral wanted)
                {
                    var needed = $"needed {(op == CompareOp.Equal ? "" : "other than ")}{ProbeFormatter.PlaneWord(wanted.Value)}";
                    return new Observation(holds, [new Fact(PlanePhrase(component), holds ? null : needed)]);
                }
                return new Observation(holds, [new Fact($"{PlaneText(left)} {opText} {PlaneText(right)}")]);
            }
            default:
            {
                var facts = new[] { left, right }
                    .Where(side => side is not BoolLiteral)
                    .Select(side => new Fact(FlagPhrase(side, Holds(side, t))))
                    .ToList();
                return new Observation(holds, facts.Count > 0 ? facts : [new Fact($"{ProbeFormatter.Format(c)} is {(holds ? "true" : "false")}")]);
            }
        }
    }

    private bool Compare(Comparison c, long t) => OperandKind(c.Left) switch
    {
        Kind.Number => Apply(c.Op, Number(c.Left, t), Number(c.Right, t)),
        Kind.Plane => (PlaneOf(c.Left) == PlaneOf(c.Right)) == (c.Op == CompareOp.Equal),
        _ => (Holds(c.Left, t) == Holds(c.Right, t)) == (c.Op == CompareOp.Equal),
    };

    private static bool Apply(CompareOp op, double left, double right) => op switch
    {
        CompareOp.Equal => left == right,
        CompareOp.NotEqual => left != right,
        CompareOp.Less => left < right,
        CompareOp.LessOrEqual => left <= right,
        CompareOp.Greater => left > right,
        _ => left >= right,
    };

    /// <summary>Puts the literal on the right, so "6 == pods(web)" reads as "pods(web) == 6".</summary>
    private static (Expr Left, CompareOp Op, Expr Right) Normalize(Comparison c) =>
        c.Left is NumberLiteral or BoolLiteral or PlaneLiteral && c.Right is not (NumberLiteral or BoolLiteral or PlaneLiteral)
            ? (c.Right, Mirror(c.Op), c.Left)
            : (c.Left, c.Op, c.Right);

    private static CompareOp Mirror(CompareOp op) => op switch
    {
        CompareOp.Less => CompareOp.Greater,
        CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
        CompareOp.Greater => CompareOp.Less,
        CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
        _ => op,
    };

    private static string Needed(CompareOp op, string value, bool share) => op switch
    {
        CompareOp.Equal => $"needed {value}",
        CompareOp.NotEqual => $"needed other than {value}",
        CompareOp.Less => share ? $"needed below {value}" : $"needed fewer than {value}",
        CompareOp.LessOrEqual => $"needed at most {value}",
        CompareOp.Greater => $"needed more than {value}",
        _ => $"needed at least {value}",
    };

    private enum Kind { Number, Flag, Plane }

    private static Kind OperandKind(Expr e) => e switch
    {
        NumberLiteral or PodsQuantity or ContainersQuantity or EndpointsQuantity or RulesQuantity or RestartsQuantity
            or SchedulerQueueQuantity or LeaderQuantity => Kind.Number,
        PlaneLiteral or PlaneOfComponent => Kind.Plane,
        _ => Kind.Flag,
    };

    // ---- reading the source ----

    private double Number(Expr e, long t) => e switch
    {
        NumberLiteral n => n.Value,
        PodsQuantity p => source.Pods(p.Workload.Value, p.Phase, p.Node?.ToFilter(), t),
        ContainersQuantity c => source.Containers(c.Workload.Value, c.Node?.ToFilter(), t),
        EndpointsQuantity q => source.Endpoints(q.Service.Value, t),
        RulesQuantity r => source.Rules(r.Service.Value, r.Node.Value, t),
        RestartsQuantity r => source.Restarts(r.Workload.Value, t),
        SchedulerQueueQuantity => source.SchedulerQueue(t),
        LeaderQuantity l => source.Leader(l.ComponentName, t),
        _ => throw new InvalidOperationException($"`{ProbeFormatter.Format(e)}` is not a number"),
    };

    private bool Flag(Expr e, long t) => e switch
    {
        NodeConditionQuantity { Condition: NodeCondition.Ready } n => source.NodeReady(n.Node.Value, t),
        NodeConditionQuantity { Condition: NodeCondition.Exists } n => source.NodeExists(n.Node.Value, t),
        NodeConditionQuantity n => source.NodeSchedulable(n.Node.Value, t),
        ClusterConditionQuantity { Condition: ClusterCondition.ApiAvailable } => source.ApiAvailable(t),
        ClusterConditionQuantity { Condition: ClusterCondition.ApiWritable } => source.ApiWritable(t),
        ClusterConditionQuantity { Condition: ClusterCondition.EtcdQuorum } => source.EtcdQuorum(t),
        ClusterConditionQuantity => source.EtcdLeader(t),
        _ => throw new InvalidOperationException($"`{ProbeFormatter.Format(e)}` is not a yes/no quantity"),
    };

    private static Plane PlaneOf(Expr e) => e switch
    {
        PlaneLiteral p => p.Value,
        PlaneOfComponent { Component: { } component } => Model.Components.PlaneOf(component),
        _ => throw new InvalidOperationException($"`{ProbeFormatter.Format(e)}` is not a plane"),
    };

    private long Resolve(TimeRef time) => time.Resolve(source.DurationMs);

    // ---- plain words ----

    private static string Phrase(Expr quantity, double value) => quantity switch
    {
        PodsQuantity p => $"{p.Workload.Value} had {ProbeText.Count(value, Pod(p.Phase), Pod(p.Phase) + "s")}{Where(p.Node)}",
        ContainersQuantity c => $"{c.Workload.Value} had {ProbeText.Count(value, "pod", "pods")} with running containers{Where(c.Node)}",
        EndpointsQuantity q => $"{q.Service.Value} had {ProbeText.Count(value, "ready endpoint", "ready endpoints")}",
        RulesQuantity r => $"{r.Node.Value}'s kube-proxy rules held {ProbeText.Count(value, "endpoint", "endpoints")} of {r.Service.Value}",
        RestartsQuantity r => $"{r.Workload.Value} had {ProbeText.Count(value, "container restart", "container restarts")}",
        SchedulerQueueQuantity => $"{ProbeText.Count(value, "pod", "pods")} waited to be scheduled",
        LeaderQuantity l => value == 0 ? $"no {l.ComponentName} replica led" : $"{l.ComponentName}-{ProbeText.Number(value)} led",
        _ => ProbeText.Number(value),
    };

    private static string Pod(PodPhase? phase) => phase is { } p ? $"{p} pod" : "pod";

    private static string Where(NodeFilterRef? filter) =>
        filter is null ? "" : filter.Equal ? $" on {filter.Node.Value}" : $" outside {filter.Node.Value}";

    private static string FlagPhrase(Expr e, bool value) => e switch
    {
        NodeConditionQuantity { Condition: NodeCondition.Ready } n => value ? $"{n.Node.Value} was Ready" : $"{n.Node.Value} was not Ready",
        NodeConditionQuantity { Condition: NodeCondition.Exists } n => value ? $"the Node {n.Node.Value} existed" : $"there was no Node {n.Node.Value}",
        NodeConditionQuantity n => value ? $"{n.Node.Value} was schedulable" : $"{n.Node.Value} was unschedulable",
        ClusterConditionQuantity { Condition: ClusterCondition.ApiAvailable } => value ? "the API was available" : "the API was unavailable",
        ClusterConditionQuantity { Condition: ClusterCondition.ApiWritable } => value ? "the API accepted writes" : "the API refused writes",
        ClusterConditionQuantity { Condition: ClusterCondition.EtcdQuorum } => value ? "etcd had quorum" : "etcd had lost quorum",
        ClusterConditionQuantity => value ? "etcd had a leader" : "etcd had no leader",
        _ => $"{ProbeFormatter.Format(e)} was {(value ? "true" : "false")}",
    };

    private static string PlanePhrase(PlaneOfComponent component) =>
        $"{component.ComponentName} is on the {ProbeFormatter.PlaneWord(PlaneOf(component))} plane";

    private static string PlaneText(Expr e) => e is PlaneOfComponent c ? $"{ProbeFormatter.Format(c)} ({ProbeFormatter.PlaneWord(PlaneOf(c))})" : ProbeFormatter.Format(e);

    /// <summary>"web had 4 Running pods at 3:10 (needed 6)"; several facts are joined with "and", each with its own "needed".</summary>
    private static string Render(Observation observation, string? when)
    {
        var suffix = when is null ? "" : $" {when}";
        if (observation.Facts.Count == 1)
        {
            var fact = observation.Facts[0];
            return $"{fact.State}{suffix}{(fact.Needed is null ? "" : $" ({fact.Needed})")}";
        }
        var facts = observation.Facts.Select(f => f.Needed is null ? f.State : $"{f.State} ({f.Needed})");
        return string.Join(" and ", facts) + suffix;
    }

    /// <summary>Tracks whether every value a condition reads stayed the same over a window, so the explanation can state it once.</summary>
    private sealed class Constancy(ProbeEvaluator evaluator, Expr body, long from)
    {
        private readonly List<double> first = evaluator.Readings(body, from);

        public bool Held { get; private set; } = true;

        public void Check(long t)
        {
            if (Held && !first.SequenceEqual(evaluator.Readings(body, t)))
            {
                Held = false;
            }
        }
    }

    private List<double> Readings(Expr e, long t)
    {
        var readings = new List<double>();
        Collect(e);
        return readings;

        void Collect(Expr node)
        {
            switch (node)
            {
                case NumberLiteral or BoolLiteral or PlaneLiteral or PlaneOfComponent:
                    break;
                case NodeConditionQuantity or ClusterConditionQuantity:
                    readings.Add(Flag(node, t) ? 1 : 0);
                    break;
                case Comparison c:
                    Collect(c.Left);
                    Collect(c.Right);
                    break;
                case NotExpr n:
                    Collect(n.Operand);
                    break;
                case LogicalExpr l:
                    Collect(l.Left);
                    Collect(l.Right);
                    break;
                default:
                    readings.Add(Number(node, t));
                    break;
            }
        }
    }
}
