using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Practice.Benchmarks;
using Practice.Simulation;
using Practice.Simulation.Model;

// dotnet run -c Release --project tests/Practice.Benchmarks -- --filter '*'   BenchmarkDotNet
// dotnet run -c Release --project tests/Practice.Benchmarks -- scale         the 5,000-node run once
// dotnet run -c Release --project tests/Practice.Benchmarks -- table         cost vs nodes, pods and virtual time
switch (args.FirstOrDefault())
{
    case "scale":
        Measure("5,000 nodes, 150,000 pods, 1 h", BenchmarkScenarios.Scale(5000), printHeader: true);
        Console.WriteLine($"peak working set: {Environment.WorkingSet / (1 << 20)} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB peak");
        break;
    case "table":
        // Warm up the JIT (tiered compilation) on a mid-sized run so the first measured row is not penalised.
        Measure("warm-up (1000 nodes)", BenchmarkScenarios.Scale(1000), printHeader: true);
        foreach (var nodes in new[] { 100, 1000, 5000 })
        {
            Measure($"{nodes} nodes, 30 pods/node, 60 min", BenchmarkScenarios.Scale(nodes));
        }
        foreach (var podsPerNode in new[] { 10, 30, 100 })
        {
            Measure($"1000 nodes, {podsPerNode} pods/node, 60 min", BenchmarkScenarios.Scale(1000, podsPerNode));
        }
        foreach (var minutes in new[] { 15, 60, 240 })
        {
            Measure($"1000 nodes, 30 pods/node, {minutes} min", BenchmarkScenarios.Scale(1000, 30, minutes));
        }
        Measure("typical (5 nodes, 291 pods, 15 min)", BenchmarkScenarios.Typical());
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkScenarios).Assembly).Run(args);
        break;
}

static void Measure(string name, ScenarioSpec spec, bool printHeader = false)
{
    if (printHeader)
    {
        Console.WriteLine("| scenario | wall time | CPU time | kernel events | events/s (CPU) | managed heap after | trace JSON |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    }
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var trace = Simulator.Run(spec);
    watch.Stop();
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    var heap = GC.GetTotalMemory(false);
    var json = trace.ToJson().Length;
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(inv,
        $"| {name} | {watch.Elapsed.TotalSeconds:0.000} s | {cpu.TotalSeconds:0.000} s | {trace.EventsProcessed:N0} | {trace.EventsProcessed / cpu.TotalSeconds:N0} | {heap / (1 << 20):N0} MiB | {json / 1024:N0} KiB |"));
}
