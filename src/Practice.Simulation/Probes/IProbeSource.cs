namespace Practice.Simulation.Probes;

/// <summary>Pod phases as <c>kubectl get pods</c> would show them (probe spelling).</summary>
/// <summary>As <c>kubectl get pods</c> shows a pod (phase or the waiting container's reason).</summary>
public enum PodPhase { Pending, ContainerCreating, Running, Ready, Terminating, CrashLoopBackOff, Failed, Unknown, ErrImagePull, ImagePullBackOff }

/// <summary><c>node = N</c> (Equal) or <c>node != N</c>.</summary>
public sealed record NodeFilter(string Node, bool Equal);

/// <summary>
/// What a probe can read from a finished run. The simulation's trace implements it; the probe
/// evaluator only ever sees this. Every quantity is piecewise constant in virtual time and is
/// read as the state after all events at or before <c>atMs</c> were applied.
/// </summary>
/// <remarks>
/// <see cref="ChangeTimes"/> lets the evaluator decide <c>throughout</c>, <c>sometime</c>,
/// <c>by</c> and <c>time_until</c> exactly: between two consecutive change times nothing a
/// probe can read changes. It may return extra times (harmless), never fewer.
/// </remarks>
public interface IProbeSource
{
    long DurationMs { get; }

    bool HasWorkload(string name);
    bool HasService(string name);
    bool HasNode(string name);

    /// <summary>Pods of the workload as the API reports them. Phase null counts every pod object.
    /// <c>Ready</c> counts pods whose Ready condition is true (they are also Running).</summary>
    int Pods(string workload, PodPhase? phase, NodeFilter? node, long atMs);

    /// <summary>Pods of the workload whose containers are really running on a node, whatever the API says.</summary>
    int Containers(string workload, NodeFilter? node, long atMs);

    /// <summary>Ready endpoints of the Service in its EndpointSlices.</summary>
    int Endpoints(string service, long atMs);

    /// <summary>Endpoints of the Service programmed into that node's kernel rules by its kube-proxy.</summary>
    int Rules(string service, string node, long atMs);

    /// <summary>Share of the Service's requests in [fromMs, toMs) that succeeded; 1 when none were sent.</summary>
    double Success(string service, long fromMs, long toMs);

    /// <summary>Container restarts of the workload's pods so far (kubelet's count, summed).</summary>
    int Restarts(string workload, long atMs);

    /// <summary>Pods waiting to be scheduled (no nodeName yet).</summary>
    int SchedulerQueue(long atMs);

    bool NodeReady(string node, long atMs);
    bool NodeSchedulable(string node, long atMs);

    /// <summary>Whether the Node object is in the API (registered, not deleted).</summary>
    bool NodeExists(string node, long atMs);

    /// <summary>The replica (1..n) acting as leader of a leader-elected component or etcd; 0 when none does.</summary>
    int Leader(string component, long atMs);
    bool ApiAvailable(long atMs);
    bool ApiWritable(long atMs);
    bool EtcdQuorum(long atMs);
    bool EtcdLeader(long atMs);

    /// <summary>Sorted, distinct times in [fromMs, toMs] at which some quantity may change.</summary>
    IEnumerable<long> ChangeTimes(long fromMs, long toMs);

    /// <summary>Time of the first trace event of that kind about that subject (e.g. "PodScheduled", "web"), or null.</summary>
    long? FirstEvent(string kind, string subject);
}
