using Practice.Simulation.Model;

namespace Practice.Simulation.Probes.Language;

/// <summary>Writes a syntax tree back as probe text, in one canonical spacing, for messages and explanations.</summary>
internal static class ProbeFormatter
{
    public static string Format(Expr e) => e switch
    {
        NumberLiteral n => n.Text,
        BoolLiteral b => b.Value ? "true" : "false",
        PlaneLiteral p => PlaneWord(p.Value),
        PodsQuantity p => $"pods({p.Workload.Value}{(p.Phase is { } phase ? $", {phase}" : "")}{Filter(p.Node)})",
        ContainersQuantity c => $"containers({c.Workload.Value}{Filter(c.Node)})",
        EndpointsQuantity q => $"endpoints({q.Service.Value})",
        RulesQuantity r => $"rules({r.Service.Value}, node = {r.Node.Value})",
        RestartsQuantity r => $"restarts({r.Workload.Value})",
        SchedulerQueueQuantity => "scheduler.queue",
        SuccessQuantity s => $"success({s.Service.Value})",
        NodeConditionQuantity n => $"node({n.Node.Value}).{n.Condition.ToString().ToLowerInvariant()}",
        LeaderQuantity l => $"leader({l.ComponentName})",
        ClusterConditionQuantity c => c.Condition switch
        {
            ClusterCondition.ApiAvailable => "api.available",
            ClusterCondition.ApiWritable => "api.writable",
            ClusterCondition.EtcdQuorum => "etcd.quorum",
            _ => "etcd.leader",
        },
        PlaneOfComponent p => $"plane({p.ComponentName})",
        Comparison c => $"{Operand(c.Left)} {OpText(c.Op)} {Operand(c.Right)}",
        NotExpr n => $"not {(n.Operand is LogicalExpr or Comparison or AtExpr or WindowExpr or ByExpr or OverExpr ? $"({Format(n.Operand)})" : Format(n.Operand))}",
        LogicalExpr l => $"{Side(l.Left, l.Op)} {(l.Op == LogicalOp.And ? "and" : "or")} {Side(l.Right, l.Op)}",
        AtExpr a => $"{Body(a.Body)} at {a.Time.Text}",
        WindowExpr w => $"{Body(w.Body)} {(w.Kind == WindowKind.Throughout ? "throughout" : "sometime")} {w.From.Text}..{w.To.Text}",
        ByExpr b => $"{Body(b.Body)} by {b.Time.Text}",
        OverExpr o => $"{Body(o.Body)} over {o.From.Text}..{o.To.Text}",
        TimeUntilExpr t => $"time_until({Format(t.Condition)}) after {t.After.Text}",
        _ => throw new InvalidOperationException($"unknown probe node {e.GetType().Name}"),
    };

    public static string OpText(CompareOp op) => op switch
    {
        CompareOp.Equal => "==",
        CompareOp.NotEqual => "!=",
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.Greater => ">",
        _ => ">=",
    };

    public static string PlaneWord(Plane plane) => plane == Plane.Control ? "control" : "data";

    private static string Filter(NodeFilterRef? filter) =>
        filter is null ? "" : $", node {(filter.Equal ? "=" : "!=")} {filter.Node.Value}";

    private static bool IsCompound(Expr e) => e is Comparison or NotExpr or LogicalExpr or AtExpr or WindowExpr or ByExpr or OverExpr;

    private static string Operand(Expr e) => IsCompound(e) ? $"({Format(e)})" : Format(e);

    private static string Body(Expr e) => e is LogicalExpr or AtExpr or WindowExpr or ByExpr or OverExpr ? $"({Format(e)})" : Format(e);

    private static string Side(Expr e, LogicalOp parent) =>
        e is LogicalExpr { Op: var op } && op != parent ? $"({Format(e)})" : Format(e);
}
