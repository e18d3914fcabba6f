using BenchmarkDotNet.Attributes;
using Practice.ClusterApi;
using Practice.Simulation;

namespace Practice.Benchmarks;

/// <summary>
/// The incident API's server-side work for <c>kubectl get pods -o wide</c> at T = 10 min of the
/// typical scenario (291 pods on 5 nodes), the simulation to T already cached as the web app
/// caches it per (version, seed, T) (target: median ≤ 5 ms). Also a node list, and the cost of
/// the cached step itself (running the scenario to T).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class IncidentApiBenchmark
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private ClusterView view = null!;

    [GlobalSetup]
    public void Setup() => view = Simulator.ViewAt(BenchmarkScenarios.Typical(), 10 * 60_000);

    [Benchmark]
    public string GetPodsWideTable() => new IncidentApi(view).Handle(new ApiRequest("GET", "/api/v1/namespaces/default/pods", TableAccept)).Body;

    [Benchmark]
    public string GetNodesTable() => new IncidentApi(view).Handle(new ApiRequest("GET", "/api/v1/nodes", TableAccept)).Body;

    [Benchmark]
    public ClusterView ViewAtTenMinutes() => Simulator.ViewAt(BenchmarkScenarios.Typical(), 10 * 60_000);
}
