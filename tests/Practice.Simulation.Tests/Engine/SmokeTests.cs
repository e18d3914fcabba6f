using Practice.Simulation.Probes;
using static Practice.Simulation.Tests.Engine.Scenario;

namespace Practice.Simulation.Tests.Engine;

public class SmokeTests
{
    [Fact]
    public void AHealthyClusterRunsEveryReplicaAndServesAllTraffic()
    {
        var spec = Of([Web()], M(5));

        var trace = Simulator.Run(spec);

        Assert.Equal(6, trace.Pods("web", PodPhase.Running, null, M(1)));
        Assert.Equal(6, trace.Pods("web", PodPhase.Ready, null, M(1)));
        Assert.Equal(6, trace.Containers("web", null, M(1)));
        Assert.Equal(6, trace.Endpoints("web", M(1)));
        Assert.Equal(6, trace.Rules("web", "node-1", M(1)));
        Assert.Equal(1.0, trace.Success("web", M(1), M(5)), 6);
        Assert.True(trace.ApiAvailable(M(1)));
        Assert.True(trace.NodeReady("node-2", M(4)));
        Assert.Equal(2, trace.Pods("web", null, On("node-1"), M(1)));
    }
}
