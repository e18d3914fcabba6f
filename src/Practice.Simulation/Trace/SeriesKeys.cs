using Practice.Simulation.Probes;

namespace Practice.Simulation;

/// <summary>
/// Names of the time series in a <see cref="Trace"/>. A chart reads them from <see cref="Trace.Series"/>.
/// </summary>
/// <remarks>
/// <c>*</c> stands for "every node" (pods not yet bound included). Traffic series hold
/// milli-requests per second, so a window's success rate is exact to 1e-5 without per-request state.
/// </remarks>
public static class SeriesKeys
{
    public const string AllNodes = "*";
    public const string AllPhases = "All";

    public const string ApiAvailable = "api/available";
    public const string ApiWritable = "api/writable";
    public const string EtcdQuorum = "etcd/quorum";
    public const string EtcdLeader = "etcd/leader";
    public const string SchedulerQueue = "scheduler/queue";

    public static string Pods(string workload, string phase, string node) => $"pods/{workload}/{phase}/{node}";
    public static string Pods(string workload, PodPhase? phase, string node) => Pods(workload, phase?.ToString() ?? AllPhases, node);
    public static string Containers(string workload, string node) => $"containers/{workload}/{node}";
    public static string Restarts(string workload) => $"restarts/{workload}";
    public static string Endpoints(string service) => $"endpoints/{service}";

    /// <summary>Endpoints programmed by every kube-proxy that is in sync (see <see cref="ProxyMode"/>).</summary>
    public static string SharedRules(string service) => $"rules/{service}";

    /// <summary>Per node: -1 rules in sync with the shared set, -2 no rules, k ≥ 0 frozen at proxy snapshot k.</summary>
    public static string ProxyMode(string node) => $"proxy/{node}";
    public static string NodeReady(string node) => $"node/{node}/ready";
    public static string NodeSchedulable(string node) => $"node/{node}/schedulable";
    public static string NodeExists(string node) => $"node/{node}/exists";

    /// <summary>The leading replica (1..n) of a leader-elected component or etcd, 0 when none.</summary>
    public static string Leader(string component) => $"leader/{component}";

    /// <summary>Pods whose containers really run on the node, all workloads.</summary>
    public static string NodeRunning(string node) => $"node/{node}/running";
    public static string TrafficSent(string service) => $"traffic/{service}/sent";
    public static string TrafficOk(string service) => $"traffic/{service}/ok";

    public const long ProxyInSync = -1;
    public const long ProxyNoRules = -2;
}
