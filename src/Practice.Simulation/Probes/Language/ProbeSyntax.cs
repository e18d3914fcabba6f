using Practice.Simulation.Model;

namespace Practice.Simulation.Probes.Language;

// The probe syntax tree. Every node keeps the 1-based column where its text starts, so the
// checker and Validate can point at it. The tree is untyped: ProbeChecker decides what each
// node is (a number, a condition, a timed clause, ...) and rejects what does not fit.

internal abstract record Expr(int Column);

internal sealed record NameRef(string Value, int Column);

internal sealed record NodeFilterRef(NameRef Node, bool Equal)
{
    public NodeFilter ToFilter() => new(Node.Value, Equal);
}

/// <summary>A time as written: <see cref="Ms"/> is null for <c>end</c>, the run's duration.</summary>
internal sealed record TimeRef(long? Ms, string Text, int Column)
{
    public bool IsEnd => Ms is null;

    public long Resolve(long durationMs) => Ms ?? durationMs;
}

// Literals
internal sealed record NumberLiteral(double Value, bool IsPercent, string Text, int Column) : Expr(Column);
internal sealed record BoolLiteral(bool Value, int Column) : Expr(Column);
internal sealed record PlaneLiteral(Plane Value, int Column) : Expr(Column);

// Quantities read from the run
internal sealed record PodsQuantity(NameRef Workload, PodPhase? Phase, NodeFilterRef? Node, int Column) : Expr(Column);
internal sealed record ContainersQuantity(NameRef Workload, NodeFilterRef? Node, int Column) : Expr(Column);
internal sealed record EndpointsQuantity(NameRef Service, int Column) : Expr(Column);
internal sealed record RulesQuantity(NameRef Service, NameRef Node, int Column) : Expr(Column);
internal sealed record RestartsQuantity(NameRef Workload, int Column) : Expr(Column);
internal sealed record SchedulerQueueQuantity(int Column) : Expr(Column);

/// <summary><c>leader(COMPONENT)</c>: the replica (1..n) acting as leader, 0 when none does.</summary>
internal sealed record LeaderQuantity(string ComponentName, int Column) : Expr(Column);

/// <summary>Only meaningful over a window (<c>over T1..T2</c>).</summary>
internal sealed record SuccessQuantity(NameRef Service, int Column) : Expr(Column);

internal enum NodeCondition { Ready, Schedulable, Exists }
internal sealed record NodeConditionQuantity(NameRef Node, NodeCondition Condition, int Column) : Expr(Column);

internal enum ClusterCondition { ApiAvailable, ApiWritable, EtcdQuorum, EtcdLeader }
internal sealed record ClusterConditionQuantity(ClusterCondition Condition, int Column) : Expr(Column);

/// <summary><c>plane(COMPONENT)</c>, a constant. <see cref="Component"/> is null when the name is unknown (already reported).</summary>
internal sealed record PlaneOfComponent(string ComponentName, Component? Component, int Column) : Expr(Column);

// Operators
internal enum CompareOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }
internal sealed record Comparison(Expr Left, CompareOp Op, int OpColumn, Expr Right) : Expr(Left.Column);
internal sealed record NotExpr(Expr Operand, int Column) : Expr(Column);

internal enum LogicalOp { And, Or }
internal sealed record LogicalExpr(LogicalOp Op, Expr Left, Expr Right) : Expr(Left.Column);

// Time suffixes and time_until
internal sealed record AtExpr(Expr Body, TimeRef Time) : Expr(Body.Column);

internal enum WindowKind { Throughout, Sometime }
internal sealed record WindowExpr(WindowKind Kind, Expr Body, TimeRef From, TimeRef To) : Expr(Body.Column);

/// <summary><c>EXPR by T</c>: the condition held at some instant in 0..T (the same as <c>sometime 0..T</c>).</summary>
internal sealed record ByExpr(Expr Body, TimeRef Time) : Expr(Body.Column);

internal sealed record OverExpr(Expr Body, TimeRef From, TimeRef To, int KeywordColumn) : Expr(Body.Column);
internal sealed record TimeUntilExpr(Expr Condition, TimeRef After, int Column) : Expr(Column);
