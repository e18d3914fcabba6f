using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Probes;

/// <summary>Probe.Validate checks a probe against one scenario's names and duration, with columns.</summary>
public sealed class ProbeValidationTests
{
    private static readonly FakeProbeSource Scenario = new FakeProbeSource(At.M(10))
        .WithWorkloads("web", "db")
        .WithServices("web")
        .WithNodes("node-1", "node-2", "node-3");

    private static IReadOnlyList<ProbeError> Validate(string probe)
    {
        var parsed = ProbeParser.Parse(probe);
        Assert.Empty(parsed.Errors);
        return parsed.Probe!.Validate(Scenario);
    }

    [Theory]
    [InlineData("pods(web, Running) == 6 throughout 2m..6m")]
    [InlineData("rules(web, node = node-2) == 6 at end")]
    [InlineData("success(web) >= 0.99 over 8m..end")]
    [InlineData("time_until(containers(db, node != node-3) == 1) after 10m")]
    [InlineData("plane(kubelet) == data")]
    public void AProbeThatFitsTheScenarioHasNoErrors(string probe) => Assert.Empty(Validate(probe));

    [Theory]
    [InlineData("pods(wbe, Running) == 6 at 3m", 6, "unknown workload `wbe`: did you mean `web`?")]
    [InlineData("restarts(cache) at 3m", 10, "unknown workload `cache`: the workloads are web, db")]
    [InlineData("endpoints(db) > 0 at 3m", 11, "unknown Service `db`: the Services are web")]
    [InlineData("success(wbe) >= 0.99 over 2m..4m", 9, "unknown Service `wbe`: did you mean `web`?")]
    [InlineData("node(nod-2).ready at 3m", 6, "unknown node `nod-2`: did you mean `node-2`?")]
    [InlineData("node(worker-9).ready at 3m", 6, "unknown node `worker-9`: the nodes are node-1, node-2, node-3")]
    [InlineData("rules(web, node = node-7) == 6 at 3m", 19, "unknown node `node-7`: did you mean `node-1`?")]
    [InlineData("pods(web, node != node-33) at 3m", 19, "unknown node `node-33`: did you mean `node-3`?")]
    [InlineData("api.available at 12m", 18, "`12m` is after the end of the run at 10:00")]
    [InlineData("api.available throughout 9m..10m1s", 30, "`10m1s` is after the end of the run at 10:00")]
    [InlineData("time_until(api.available) after 11m", 33, "`11m` is after the end of the run at 10:00")]
    [InlineData("api.available throughout end..5m", 26, "the window end..5m ends before it starts (the run ends at 10:00)")]
    public void NamesAndTimesAreCheckedAgainstTheScenario(string probe, int column, string message)
    {
        var error = Assert.Single(Validate(probe));

        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void EveryUnknownNameIsReportedInColumnOrder()
    {
        var errors = Validate("pods(x, node = y) == 1 at 11m and endpoints(z) > 0 at 1m");

        Assert.Equal([6, 16, 27, 45], errors.Select(e => e.Column));
    }

    [Fact]
    public void EvaluatingAProbeThatDoesNotFitTheRunThrows()
    {
        var probe = ProbeParser.Parse("pods(cache) == 1 at 3m").Probe!;

        var error = Assert.Throws<InvalidOperationException>(() => probe.Evaluate(Scenario));
        Assert.Contains("unknown workload `cache`", error.Message);
    }

    [Fact]
    public void ScenarioNamesComeFromTheSpec()
    {
        var spec = new ScenarioSpec
        {
            Id = "x",
            DurationMs = At.M(15),
            Cluster = new ClusterSpec
            {
                Nodes = [new NodeSpec { Name = "node-1" }, new NodeSpec { Name = "node-2" }],
                Workloads =
                [
                    new WorkloadSpec { Kind = WorkloadKind.Deployment, Name = "web", Service = "frontend" },
                    new WorkloadSpec { Kind = WorkloadKind.StatefulSet, Name = "db" },
                ],
            },
            Timeline = [new ActionEntry(At.M(5), new AddNodeAction("node-9", null))],
        };

        var names = new ScenarioProbeNames(spec);

        Assert.Empty(ProbeParser.Parse("endpoints(frontend) > 0 at 15m and node(node-9).ready at 6m and pods(db) == 1 at 1m").Probe!.Validate(names));
        Assert.Equal(["node-1", "node-2", "node-9"], names.Nodes);
        Assert.False(names.HasService("web"));
    }
}
