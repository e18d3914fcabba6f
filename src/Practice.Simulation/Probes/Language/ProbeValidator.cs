namespace Practice.Simulation.Probes.Language;

/// <summary>Checks a parsed probe against one scenario: the names it reads exist, its times fall within the run.</summary>
internal static class ProbeValidator
{
    public static IReadOnlyList<ProbeError> Validate(Expr root, IProbeNames names)
    {
        var errors = new List<ProbeError>();
        Visit(root);
        return ProbeText.Ordered(errors);

        void Visit(Expr e)
        {
            switch (e)
            {
                case PodsQuantity p:
                    Workload(p.Workload);
                    Node(p.Node?.Node);
                    break;
                case ContainersQuantity c:
                    Workload(c.Workload);
                    Node(c.Node?.Node);
                    break;
                case EndpointsQuantity q:
                    Service(q.Service);
                    break;
                case SuccessQuantity s:
                    Service(s.Service);
                    break;
                case RulesQuantity r:
                    Service(r.Service);
                    Node(r.Node);
                    break;
                case RestartsQuantity r:
                    Workload(r.Workload);
                    break;
                case NodeConditionQuantity n:
                    Node(n.Node);
                    break;
                case Comparison c:
                    Visit(c.Left);
                    Visit(c.Right);
                    break;
                case NotExpr n:
                    Visit(n.Operand);
                    break;
                case LogicalExpr l:
                    Visit(l.Left);
                    Visit(l.Right);
                    break;
                case AtExpr a:
                    Visit(a.Body);
                    Time(a.Time);
                    break;
                case ByExpr b:
                    Visit(b.Body);
                    Time(b.Time);
                    break;
                case WindowExpr w:
                    Visit(w.Body);
                    Window(w.From, w.To);
                    break;
                case OverExpr o:
                    Visit(o.Body);
                    Window(o.From, o.To);
                    break;
                case TimeUntilExpr t:
                    Visit(t.Condition);
                    Time(t.After);
                    break;
            }
        }

        void Workload(NameRef name)
        {
            if (!names.HasWorkload(name.Value))
            {
                errors.Add(new ProbeError(name.Column, ProbeText.Unknown("workload", name.Value, names.Workloads)));
            }
        }

        void Service(NameRef name)
        {
            if (!names.HasService(name.Value))
            {
                errors.Add(new ProbeError(name.Column, ProbeText.Unknown("Service", name.Value, names.Services)));
            }
        }

        void Node(NameRef? name)
        {
            if (name is not null && !names.HasNode(name.Value))
            {
                errors.Add(new ProbeError(name.Column, ProbeText.Unknown("node", name.Value, names.Nodes)));
            }
        }

        bool Time(TimeRef time)
        {
            if (time.Ms is { } ms && ms > names.DurationMs)
            {
                errors.Add(new ProbeError(time.Column,
                    $"`{time.Text}` is after the end of the run at {ProbeText.Clock(names.DurationMs)}"));
                return false;
            }
            return true;
        }

        void Window(TimeRef from, TimeRef to)
        {
            var fits = Time(from) & Time(to);
            // Two literals were compared by the parser; only `end` needs the duration.
            if (fits && (from.IsEnd || to.IsEnd) && from.Resolve(names.DurationMs) > to.Resolve(names.DurationMs))
            {
                errors.Add(new ProbeError(from.Column,
                    $"the window {from.Text}..{to.Text} ends before it starts (the run ends at {ProbeText.Clock(names.DurationMs)})"));
            }
        }
    }
}
