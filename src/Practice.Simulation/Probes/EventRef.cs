using Practice.Simulation.Probes.Language;

namespace Practice.Simulation.Probes;

/// <summary>An event an <c>order</c> question names, e.g. <c>PodScheduled(web)</c>: the first event of that kind about that subject.</summary>
public sealed record EventRef(string Kind, string Subject)
{
    /// <summary>What the subject must name, given the kind (a workload for <c>PodScheduled</c>, a node for <c>NodeNotReady</c>, ...).</summary>
    public EventSubject SubjectKind => ProbeEvents.SubjectOf(Kind);

    /// <summary>Checks the subject against the scenario. Columns assume the canonical spelling <c>Kind(Subject)</c>.</summary>
    public IReadOnlyList<ProbeError> Validate(IProbeNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var column = Kind.Length + 2;
        return SubjectKind switch
        {
            EventSubject.Workload when !names.HasWorkload(Subject) => [Unknown("workload", names.Workloads)],
            EventSubject.Service when !names.HasService(Subject) => [Unknown("Service", names.Services)],
            EventSubject.Node when !names.HasNode(Subject) => [Unknown("node", names.Nodes)],
            EventSubject.Component when !Model.Components.TryParse(Subject, out _) => [Unknown("component", Model.Components.Names)],
            _ => [],
        };

        ProbeError Unknown(string role, IEnumerable<string> known) =>
            new(column, ProbeText.Unknown(role, Subject, known));
    }

    public override string ToString() => $"{Kind}({Subject})";
}

public sealed record EventRefParseResult(EventRef? Event, IReadOnlyList<ProbeError> Errors);

/// <summary>What an event is about. <see cref="Other"/>: fault and action markers, whose subject is whatever they touched; not checked.</summary>
public enum EventSubject { Workload, Service, Node, Component, Other }
