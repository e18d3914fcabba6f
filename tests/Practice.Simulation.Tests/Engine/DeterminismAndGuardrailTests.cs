using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Acceptance item 16 and the guardrails.</summary>
public class DeterminismAndGuardrailTests
{
    private static ScenarioSpec Busy(int seed) => Of(
        [Web(), new WorkloadSpec { Kind = WorkloadKind.StatefulSet, Name = "db", Replicas = 3, Service = "db", Traffic = 10, CrashAfterMs = M(2) }],
        M(15),
        [
            Fault(M(2), Component.KubeProxy, "node-1"),
            new FaultEntry(M(3), new NodePowerOff("node-3")),
            Act(M(4), new ScaleAction("web", 9)),
            new FaultEntry(M(5), new EtcdLeaderDown()),
            Recover(M(8), Component.KubeProxy, "node-1"),
            new RecoverEntry(M(9), new NodePowerOff("node-3")),
        ],
        nodes: 4,
        seed: seed);

    [Fact]
    public void TwoRunsWithOneSeedGiveIdenticalTraces()
    {
        var first = Simulator.Run(Busy(7)).ToJson();
        var second = Simulator.Run(Busy(7)).ToJson();

        Assert.Equal(first, second);
    }

    [Fact]
    public void ADifferentSeedMayGiveADifferentTrace()
    {
        var first = Simulator.Run(Busy(7)).ToJson();
        var other = Simulator.Run(Busy(8)).ToJson();

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ATraceReadBackFromJsonAnswersEveryQueryIdentically()
    {
        var trace = Simulator.Run(Busy(7));

        var back = Trace.FromJson(trace.ToJson());

        Assert.Equal(trace.ToJson(), back.ToJson());
        Assert.Equal(trace.ChangeTimes(0, trace.DurationMs), back.ChangeTimes(0, back.DurationMs));
        foreach (var t in trace.ChangeTimes(0, trace.DurationMs).Where((_, i) => i % 7 == 0).Append(M(10)))
        {
            foreach (var phase in Enum.GetValues<PodPhase>().Cast<PodPhase?>().Append(null))
            {
                Assert.Equal(trace.Pods("web", phase, null, t), back.Pods("web", phase, null, t));
                Assert.Equal(trace.Pods("db", phase, NotOn("node-3"), t), back.Pods("db", phase, NotOn("node-3"), t));
            }
            Assert.Equal(trace.Containers("web", On("node-3"), t), back.Containers("web", On("node-3"), t));
            Assert.Equal(trace.Endpoints("web", t), back.Endpoints("web", t));
            Assert.Equal(trace.Rules("web", "node-1", t), back.Rules("web", "node-1", t));
            Assert.Equal(trace.Restarts("db", t), back.Restarts("db", t));
            Assert.Equal(trace.SchedulerQueue(t), back.SchedulerQueue(t));
            Assert.Equal(trace.NodeReady("node-3", t), back.NodeReady("node-3", t));
            Assert.Equal(trace.NodeSchedulable("node-3", t), back.NodeSchedulable("node-3", t));
            Assert.Equal(trace.ApiAvailable(t), back.ApiAvailable(t));
            Assert.Equal(trace.ApiWritable(t), back.ApiWritable(t));
            Assert.Equal(trace.EtcdQuorum(t), back.EtcdQuorum(t));
            Assert.Equal(trace.EtcdLeader(t), back.EtcdLeader(t));
            Assert.Equal(trace.Success("web", 0, t), back.Success("web", 0, t));
        }
        Assert.Equal(trace.FirstEvent(TraceEventKinds.PodEvicted, "web"), back.FirstEvent(TraceEventKinds.PodEvicted, "web"));
        Assert.Equal(trace.Events, back.Events);
    }

    [Fact]
    public void AScenarioLongerThanTheLimitIsRefusedWithAClearMessage()
    {
        var spec = Of([Web()], M(10));

        var error = Assert.Throws<SimulationLimitException>(() => Simulator.Run(spec, new SimulationLimits { MaxDurationMs = M(5) }));

        Assert.Contains("MaxDurationMs", error.Message);
        Assert.Contains("10m", error.Message);
    }

    [Fact]
    public void ARunNeedingMoreEventsThanTheLimitStopsWithAClearMessage()
    {
        var spec = Of([Web()], M(10));

        var error = Assert.Throws<SimulationLimitException>(() => Simulator.Run(spec, new SimulationLimits { MaxEvents = 100 }));

        Assert.Contains("MaxEvents", error.Message);
        Assert.Contains("100", error.Message);
    }

    [Fact]
    public void ACancelledRunStops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Simulator.Run(Of([Web()], M(60), nodes: 50), null, cancelled.Token));
    }
}
