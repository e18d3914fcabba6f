using Practice.Simulation.Model;
using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

/// <summary><c>kubectl apply</c> mid-run: the Deployment controller, the scheduler and the kubelets take it from there.</summary>
public sealed class ApplyActionTests
{
    private static readonly WorkloadSpec Api = Web(replicas: 3, traffic: 30, name: "api");

    [Fact]
    public void AWorkloadAppliedAt2mRunsAndServesAFewSecondsLaterAndNotBefore()
    {
        var trace = Simulator.Run(Of([Web()], M(5), [Act(M(2), new ApplyAction(Api))]));

        Assert.True(trace.HasWorkload("api"));
        Assert.Equal(0, trace.Pods("api", null, null, M(2) - 1));
        // No client sends to a Service that does not exist yet.
        Assert.Equal(1, trace.Success("api", 0, M(2)));
        var created = trace.FirstEvent(TraceEventKinds.DeploymentCreated, "api");
        Assert.Equal(M(2), created);
        var running = Scenario.FirstTime(trace, M(2), t => trace.Pods("api", PodPhase.Running, null, t) == 3);
        Assert.InRange(running!.Value - M(2), 0, S(5));
        Assert.Equal(3, trace.Endpoints("api", M(3)));
        Assert.True(trace.Success("api", M(2) + S(10), M(5)) >= 0.99);
        // The workloads applied at 0 s are untouched.
        Assert.Equal(6, trace.Pods("web", PodPhase.Running, null, M(5)));
    }

    [Fact]
    public void AnApplyWhileTheApiRefusesWritesLandsWhenItTakesThemAgain()
    {
        var trace = Simulator.Run(Of([Web()], M(6), [Fault(M(1), Component.KubeApiserver), Act(M(2), new ApplyAction(Api)), Recover(M(3), Component.KubeApiserver)]));

        Assert.Equal(0, trace.Pods("api", null, null, M(3) - 1));
        Assert.True(trace.FirstEvent(TraceEventKinds.DeploymentCreated, "api") >= M(3));
        Assert.Equal(3, trace.Pods("api", PodPhase.Running, null, M(5)));
    }
}
