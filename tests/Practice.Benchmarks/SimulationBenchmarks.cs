using BenchmarkDotNet.Attributes;
using Practice.Simulation;
using Practice.Simulation.Model;

namespace Practice.Benchmarks;

/// <summary>One full run of the typical scenario (target: median ≤ 2 ms).</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TypicalScenarioBenchmark
{
    private readonly ScenarioSpec spec = BenchmarkScenarios.Typical();

    [Benchmark]
    public Trace TypicalScenario() => Simulator.Run(spec);

    [Benchmark]
    public string TypicalScenarioWithJson() => Simulator.Run(spec).ToJson();
}

/// <summary>Full runs at growing cluster sizes, one virtual hour, 10% of nodes failing at minute 10 (target at 5,000 nodes: ≤ 10 s, ≤ 2 GiB).</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ScaleBenchmark
{
    private ScenarioSpec spec = null!;

    [Params(100, 1000, 5000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup() => spec = BenchmarkScenarios.Scale(Nodes);

    [Benchmark]
    public Trace ScaleScenario() => Simulator.Run(spec);
}
