namespace Practice.Simulation.Probes.Language;

/// <summary>The event kinds the engine writes to the trace, and what each one is about.</summary>
internal static class ProbeEvents
{
    // The engine's names (TraceEventKinds), so a rename there breaks the build here. The kinds of
    // scenario-format.md come first, then what the engine adds, then the fault/action markers.
    // Subjects as the engine logs them: pod-level events name the workload, cluster-level ones
    // the component ("etcd", "kube-apiserver"); markers name whatever the fault or action touched.
    private static readonly (string Kind, EventSubject Subject)[] Catalog =
    [
        (TraceEventKinds.DeploymentCreated, EventSubject.Workload),
        (TraceEventKinds.ReplicaSetCreated, EventSubject.Workload),
        (TraceEventKinds.PodCreated, EventSubject.Workload),
        (TraceEventKinds.PodScheduled, EventSubject.Workload),
        (TraceEventKinds.ContainerStarted, EventSubject.Workload),
        (TraceEventKinds.PodReady, EventSubject.Workload),
        (TraceEventKinds.EndpointAdded, EventSubject.Service),
        (TraceEventKinds.NodeNotReady, EventSubject.Node),
        (TraceEventKinds.TaintAdded, EventSubject.Node),
        (TraceEventKinds.PodEvicted, EventSubject.Workload),
        (TraceEventKinds.LeaderElected, EventSubject.Component),
        (TraceEventKinds.StatefulSetCreated, EventSubject.Workload),
        (TraceEventKinds.DaemonSetCreated, EventSubject.Workload),
        (TraceEventKinds.ScaledWorkload, EventSubject.Workload),
        (TraceEventKinds.FailedScheduling, EventSubject.Workload),
        (TraceEventKinds.ContainerCreating, EventSubject.Workload),
        (TraceEventKinds.ContainerCrashed, EventSubject.Workload),
        (TraceEventKinds.ContainerRestarted, EventSubject.Workload),
        (TraceEventKinds.ContainerKilled, EventSubject.Workload),
        (TraceEventKinds.PodNotReady, EventSubject.Workload),
        (TraceEventKinds.PodDeleted, EventSubject.Workload),
        (TraceEventKinds.MirrorPodCreated, EventSubject.Workload),
        (TraceEventKinds.EndpointRemoved, EventSubject.Service),
        (TraceEventKinds.RulesSynced, EventSubject.Node),
        (TraceEventKinds.NodeRegistered, EventSubject.Node),
        (TraceEventKinds.NodeReady, EventSubject.Node),
        (TraceEventKinds.NodeDeleted, EventSubject.Node),
        (TraceEventKinds.TaintRemoved, EventSubject.Node),
        (TraceEventKinds.LeaderLost, EventSubject.Component),
        (TraceEventKinds.EtcdLeaderElected, EventSubject.Component),
        (TraceEventKinds.EtcdLeaderLost, EventSubject.Component),
        (TraceEventKinds.EtcdQuorumLost, EventSubject.Component),
        (TraceEventKinds.EtcdQuorumRestored, EventSubject.Component),
        (TraceEventKinds.EtcdRestored, EventSubject.Component),
        (TraceEventKinds.ApiUnavailable, EventSubject.Component),
        (TraceEventKinds.ApiAvailable, EventSubject.Component),
        (TraceEventKinds.FaultInjected, EventSubject.Other),
        (TraceEventKinds.FaultRecovered, EventSubject.Other),
        (TraceEventKinds.ActionTaken, EventSubject.Other),
        (TraceEventKinds.ActionFailed, EventSubject.Other),
    ];

    public static readonly IReadOnlyList<string> Kinds = [.. Catalog.Select(c => c.Kind)];

    public static EventSubject SubjectOf(string kind) =>
        Catalog.FirstOrDefault(c => c.Kind == kind) is { Kind: not null } entry ? entry.Subject : EventSubject.Workload;

    public static EventRefParseResult Parse(string text)
    {
        const string Example = "write an event like `PodScheduled(web)`";
        List<Token> tokens;
        try
        {
            tokens = ProbeLexer.Tokenize(text);
        }
        catch (ProbeSyntaxException e)
        {
            return new EventRefParseResult(null, [e.Error]);
        }

        var errors = new List<ProbeError>();
        var kind = tokens[0];
        if (kind.Kind == TokenKind.End)
        {
            return Failed(1, $"the event is empty: {Example}");
        }
        if (kind.Kind != TokenKind.Word)
        {
            return Failed(kind.Column, $"expected an event kind, found {kind.Describe()}: {Example}");
        }
        if (!Kinds.Contains(kind.Text))
        {
            errors.Add(new ProbeError(kind.Column, ProbeText.Unknown("event", kind.Text, Kinds)));
        }
        var open = tokens[1];
        if (open.Kind != TokenKind.LeftParen)
        {
            return Failed(open.Column, $"expected `(` after `{kind.Text}`, found {open.Describe()}: {Example}");
        }
        var subject = tokens[2];
        if (subject.Kind is not (TokenKind.Word or TokenKind.Literal))
        {
            return Failed(subject.Column, $"expected the name the event is about, found {subject.Describe()}: {Example}");
        }
        if (!ProbeText.IsSlug(subject.Text))
        {
            errors.Add(new ProbeError(subject.Column, $"`{subject.Text}` is not a valid name: names are lowercase letters, digits and hyphens"));
        }
        var close = tokens[3];
        if (close.Kind == TokenKind.End)
        {
            return Failed(open.Column, "unclosed `(`: expected `)` before the end of the event");
        }
        if (close.Kind != TokenKind.RightParen)
        {
            return Failed(close.Column, $"expected `)` after `{subject.Text}`, found {close.Describe()}");
        }
        if (tokens[4].Kind != TokenKind.End)
        {
            return Failed(tokens[4].Column, $"unexpected {tokens[4].Describe()} after the event");
        }
        return errors.Count > 0
            ? new EventRefParseResult(null, errors)
            : new EventRefParseResult(new EventRef(kind.Text, subject.Text), []);

        EventRefParseResult Failed(int column, string message)
        {
            errors.Add(new ProbeError(column, message));
            return new EventRefParseResult(null, ProbeText.Ordered(errors));
        }
    }
}
