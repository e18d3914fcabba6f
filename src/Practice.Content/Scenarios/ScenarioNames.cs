using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Content.Scenarios;

/// <summary>The names a scenario defines (nodes, workloads, Services) and its duration, for checking what faults, actions and probes name.</summary>
internal sealed class ScenarioNames : IProbeNames
{
    public List<string> NodeList { get; } = [];
    public Dictionary<string, WorkloadKind> WorkloadKinds { get; } = [];
    public List<string> ServiceList { get; } = [];
    public int EtcdMembers { get; set; } = 3;

    /// <summary>Replicas of each control-plane component, for <c>replica: N</c> in a fault.</summary>
    public Dictionary<Component, int> ControlPlaneReplicas { get; } = new()
    {
        [Component.KubeApiserver] = 1,
        [Component.Etcd] = 3,
        [Component.KubeScheduler] = 1,
        [Component.KubeControllerManager] = 1,
        [Component.CloudControllerManager] = 1,
    };
    public long? SnapshotAtMs { get; set; }
    public long DurationMs { get; set; }

    public IEnumerable<string> Workloads => WorkloadKinds.Keys;
    public IEnumerable<string> Services => ServiceList;
    public IEnumerable<string> Nodes => NodeList;

    public bool HasWorkload(string name) => WorkloadKinds.ContainsKey(name);
    public bool HasService(string name) => ServiceList.Contains(name);
    public bool HasNode(string name) => NodeList.Contains(name);
}
