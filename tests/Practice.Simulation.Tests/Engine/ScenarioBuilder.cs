using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Engine;

/// <summary>Small scenarios written in C#, so engine tests do not depend on the content parser.</summary>
internal static class Scenario
{
    public static long S(double seconds) => (long)(seconds * 1000);
    public static long M(double minutes) => (long)(minutes * 60_000);

    public static WorkloadSpec Web(int replicas = 6, int traffic = 50, string name = "web") => new()
    {
        Kind = WorkloadKind.Deployment,
        Name = name,
        Replicas = replicas,
        Service = name,
        Traffic = traffic,
    };

    public static ScenarioSpec Of(
        IReadOnlyList<WorkloadSpec> workloads,
        long duration,
        IReadOnlyList<TimelineEntry>? timeline = null,
        int nodes = 3,
        int etcd = 3,
        int apiservers = 1,
        int schedulers = 1,
        int controllerManagers = 1,
        int seed = 1,
        string kubernetes = TimingProfile.DefaultVersion,
        long? snapshotAt = null) => new()
        {
            Id = "test",
            Seed = seed,
            KubernetesVersion = kubernetes,
            DurationMs = duration,
            Cluster = new ClusterSpec
            {
                Etcd = etcd,
                Apiservers = apiservers,
                Schedulers = schedulers,
                ControllerManagers = controllerManagers,
                Nodes = Enumerable.Range(1, nodes).Select(i => new NodeSpec { Name = $"node-{i}" }).ToList(),
                Workloads = workloads,
                SnapshotAtMs = snapshotAt,
            },
            Timeline = timeline ?? [],
        };

    public static FaultEntry Fault(long at, Component component, string? node = null, FaultMode mode = FaultMode.Down) =>
        new(at, new ComponentFault(component, node, mode));

    public static RecoverEntry Recover(long at, Component component, string? node = null) =>
        new(at, new ComponentFault(component, node));

    public static ActionEntry Act(long at, ClusterAction action) => new(at, action);

    public static NodeFilter On(string node) => new(node, true);
    public static NodeFilter NotOn(string node) => new(node, false);

    /// <summary>Whether the condition holds at every change time in [from, to] (and at both ends).</summary>
    public static bool Throughout(Trace trace, long from, long to, Func<long, bool> condition) =>
        condition(from) && condition(to) && trace.ChangeTimes(from, to).All(condition);

    /// <summary>The first time in [from, end] at which the condition holds, or null.</summary>
    public static long? FirstTime(Trace trace, long from, Func<long, bool> condition)
    {
        if (condition(from))
        {
            return from;
        }
        foreach (var t in trace.ChangeTimes(from, trace.DurationMs))
        {
            if (condition(t))
            {
                return t;
            }
        }
        return null;
    }

    public static IEnumerable<TraceEvent> Events(Trace trace, string kind, string? subject = null) =>
        trace.Events.Where(e => e.Kind == kind && (subject is null || e.Subject == subject));
}
