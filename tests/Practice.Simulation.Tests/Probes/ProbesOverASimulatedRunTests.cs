using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Probes;

/// <summary>
/// The probes of scenario-format.md's example, checked and evaluated against a real run of that
/// scenario: the contract between the language and the engine's trace, not the engine's claims.
/// </summary>
public sealed class ProbesOverASimulatedRunTests
{
    private static readonly ScenarioSpec Example = new()
    {
        Id = "apiserver-unreachable",
        Seed = 7,
        DurationMs = At.M(10),
        Cluster = new ClusterSpec
        {
            Nodes = [new NodeSpec { Name = "node-1" }, new NodeSpec { Name = "node-2" }, new NodeSpec { Name = "node-3" }],
            Workloads = [new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "web", Replicas = 6, Service = "web", Traffic = 50 }],
        },
        Timeline =
        [
            new FaultEntry(At.M(2), new ComponentFault(Component.KubeApiserver, null)),
            new FaultEntry(At.M(2), new ComponentFault(Component.KubeProxy, "node-2")),
            new ActionEntry(At.M(4), new ScaleAction("web", 8)),
            new RecoverEntry(At.M(6), new ComponentFault(Component.KubeApiserver, null)),
        ],
    };

    [Theory]
    [InlineData("pods(web, Running) == 6 throughout 2m..6m", ProbeKind.Boolean)]
    [InlineData("api.available at 3m", ProbeKind.Boolean)]
    [InlineData("time_until(pods(web, Running, node != node-3) == 6) after 2m", ProbeKind.Number)]
    [InlineData("success(web) >= 0.99 over 8m..10m", ProbeKind.Boolean)]
    [InlineData("pods(web, Running) == 6 at 10m", ProbeKind.Boolean)]
    [InlineData("restarts(web) at 10m", ProbeKind.Number)]
    [InlineData("containers(web) at end", ProbeKind.Number)]
    [InlineData("rules(web, node = node-2) < endpoints(web) sometime 4m..10m", ProbeKind.Boolean)]
    [InlineData("(node(node-2).ready and node(node-2).schedulable) throughout 0s..end", ProbeKind.Boolean)]
    [InlineData("scheduler.queue > 0 by 6m or api.writable at 5m or etcd.quorum at 5m and etcd.leader at 5m", ProbeKind.Boolean)]
    [InlineData("plane(kube-proxy) == data", ProbeKind.Boolean)]
    public void TheExampleProbesEvaluateOverARun(string text, ProbeKind kind)
    {
        var probe = ProbeParser.Parse(text).Probe!;
        Assert.Empty(probe.Validate(new ScenarioProbeNames(Example)));
        var trace = Simulator.Run(Example);

        var result = probe.Evaluate(trace);

        Assert.Equal(kind, probe.Kind);
        Assert.Equal(kind == ProbeKind.Boolean, result.Holds.HasValue);
        Assert.Equal(kind == ProbeKind.Number, result.Value.HasValue || result.IsNever);
        Assert.False(string.IsNullOrWhiteSpace(result.Explanation));
    }

    [Fact]
    public void TheApiserverFaultShowsInTheProbe()
    {
        var result = ProbeParser.Parse("api.available at 3m").Probe!.Evaluate(Simulator.Run(Example));

        Assert.Equal(false, result.Holds);
        Assert.Equal("the API was unavailable at 3:00", result.Explanation);
    }

    [Theory]
    [InlineData("ReplicaSetCreated(web)")]
    [InlineData("PodCreated(web)")]
    [InlineData("PodScheduled(web)")]
    [InlineData("ContainerStarted(web)")]
    public void TheOrderQuestionsEventsAreInTheTrace(string text)
    {
        var parsed = ProbeParser.ParseEvent(text).Event!;

        Assert.Empty(parsed.Validate(new ScenarioProbeNames(Example)));
        Assert.NotNull(Simulator.Run(Example).FirstEvent(parsed.Kind, parsed.Subject));
    }
}
