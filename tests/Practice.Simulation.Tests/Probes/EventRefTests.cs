using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Probes;

/// <summary>Event references for order questions: <c>PodScheduled(web)</c>.</summary>
public sealed class EventRefTests
{
    [Theory]
    [InlineData("ReplicaSetCreated(web)", "ReplicaSetCreated", "web")]
    [InlineData("PodCreated(web)", "PodCreated", "web")]
    [InlineData("PodScheduled(web)", "PodScheduled", "web")]
    [InlineData("ContainerStarted(web)", "ContainerStarted", "web")]
    [InlineData(" EndpointAdded( web ) ", "EndpointAdded", "web")]
    [InlineData("NodeNotReady(node-3)", "NodeNotReady", "node-3")]
    [InlineData("LeaderElected(kube-scheduler)", "LeaderElected", "kube-scheduler")]
    public void TheOrderQuestionEventsParse(string text, string kind, string subject)
    {
        var result = ProbeParser.ParseEvent(text);

        Assert.Empty(result.Errors);
        Assert.Equal(new EventRef(kind, subject), result.Event);
    }

    [Fact]
    public void EveryEventKindInTheFormatIsKnown()
    {
        string[] documented =
        [
            "DeploymentCreated", "ReplicaSetCreated", "PodCreated", "PodScheduled", "ContainerStarted", "PodReady",
            "EndpointAdded", "NodeNotReady", "TaintAdded", "PodEvicted", "LeaderElected",
        ];

        Assert.All(documented, kind => Assert.Contains(kind, ProbeParser.EventKinds));
        Assert.Equal(documented, ProbeParser.EventKinds.Take(documented.Length));
        Assert.Equal(ProbeParser.EventKinds.Count, ProbeParser.EventKinds.Distinct().Count());
    }

    [Fact]
    public void EveryEventKindTheEngineWritesCanBeNamed()
    {
        var emitted = typeof(TraceEventKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(emitted.Order(), ProbeParser.EventKinds.Order());
    }

    [Theory]
    [InlineData("", 1, "the event is empty: write an event like `PodScheduled(web)`")]
    [InlineData("PodSchedule(web)", 1, "unknown event `PodSchedule`: did you mean `PodScheduled`?")]
    [InlineData("PodScheduled web", 14, "expected `(` after `PodScheduled`, found `web`: write an event like `PodScheduled(web)`")]
    [InlineData("PodScheduled()", 14, "expected the name the event is about, found `)`: write an event like `PodScheduled(web)`")]
    [InlineData("PodScheduled(web", 13, "unclosed `(`: expected `)` before the end of the event")]
    [InlineData("PodScheduled(web, node-1)", 17, "expected `)` after `web`, found `,`")]
    [InlineData("PodScheduled(web) x", 19, "unexpected `x` after the event")]
    [InlineData("PodScheduled(Web)", 14, "`Web` is not a valid name: names are lowercase letters, digits and hyphens")]
    [InlineData("(web)", 1, "expected an event kind, found `(`: write an event like `PodScheduled(web)`")]
    public void EventErrorsNameTheColumn(string text, int column, string message)
    {
        var result = ProbeParser.ParseEvent(text);

        Assert.Null(result.Event);
        var error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("PodScheduled(web)")]
    [InlineData("EndpointAdded(web)")]
    [InlineData("TaintAdded(node-1)")]
    [InlineData("LeaderElected(kube-controller-manager)")]
    [InlineData("EtcdQuorumLost(etcd)")]
    [InlineData("ApiUnavailable(kube-apiserver)")]
    [InlineData("FaultInjected(anything)")]
    public void AnEventAboutWhatTheScenarioHasIsValid(string text)
    {
        var names = new FakeProbeSource(At.M(10)).WithWorkloads("web").WithServices("web").WithNodes("node-1");

        Assert.Empty(ProbeParser.ParseEvent(text).Event!.Validate(names));
    }

    [Theory]
    [InlineData("PodScheduled(wbe)", "unknown workload `wbe`: did you mean `web`?")]
    [InlineData("EndpointAdded(db)", "unknown Service `db`: the Services are web")]
    [InlineData("NodeNotReady(node-7)", "unknown node `node-7`: did you mean `node-1`?")]
    [InlineData("LeaderElected(scheduler)", "unknown component `scheduler`: did you mean `kube-scheduler`?")]
    public void AnEventsSubjectIsCheckedAgainstTheScenario(string text, string message)
    {
        var names = new FakeProbeSource(At.M(10)).WithWorkloads("web").WithServices("web").WithNodes("node-1");
        var parsed = ProbeParser.ParseEvent(text).Event!;

        var error = Assert.Single(parsed.Validate(names));

        Assert.Equal(message, error.Message);
        Assert.Equal(parsed.Kind.Length + 2, error.Column);
    }
}
