using Practice.Simulation.Model;

namespace Practice.Simulation.Cluster;

/// <summary>An active network partition (<c>{ partition: [...], from: ... }</c>).</summary>
internal sealed record ActivePartition(NetworkPartition Fault, HashSet<int> Group, HashSet<int> From);

/// <summary>All nodes, workloads and Services of the run, indexed by small integers.</summary>
internal sealed class ClusterState
{
    public readonly List<ClusterNode> Nodes = [];
    public readonly Dictionary<string, ClusterNode> NodesByName = new(StringComparer.Ordinal);
    public readonly List<Workload> Workloads = [];
    public readonly Dictionary<string, Workload> WorkloadsByName = new(StringComparer.Ordinal);
    public readonly List<Service> Services = [];

    /// <summary>Node objects in the API, in registration order (the scheduler walks them round-robin).</summary>
    public readonly List<ClusterNode> ApiNodes = [];

    public readonly List<ActivePartition> Partitions = [];
    public bool RegistryDown;
    public int NextPodId;

    public ClusterNode? Node(string? name) => name is not null && NodesByName.TryGetValue(name, out var n) ? n : null;

    /// <summary>Whether pods on a and b can exchange packets, partitions considered (dataplanes not).</summary>
    public bool Connected(ClusterNode a, ClusterNode b)
    {
        if (!a.CutFromSomeNodes && !b.CutFromSomeNodes)
        {
            return true;
        }
        foreach (var p in Partitions)
        {
            if (p.Fault.From == PartitionFrom.Nodes)
            {
                if (p.Group.Contains(a.Index) != p.Group.Contains(b.Index))
                {
                    return false;
                }
            }
            else if (p.Fault.From == PartitionFrom.NodeList)
            {
                if ((p.Group.Contains(a.Index) && p.From.Contains(b.Index)) || (p.Group.Contains(b.Index) && p.From.Contains(a.Index)))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public void RefreshPartitionFlags()
    {
        foreach (var n in Nodes)
        {
            n.CutFromControlPlane = false;
            n.CutFromSomeNodes = false;
        }
        foreach (var p in Partitions)
        {
            foreach (var i in p.Group)
            {
                if (p.Fault.From == PartitionFrom.ControlPlane)
                {
                    Nodes[i].CutFromControlPlane = true;
                }
                else
                {
                    Nodes[i].CutFromSomeNodes = true;
                }
            }
            if (p.Fault.From == PartitionFrom.Nodes)
            {
                foreach (var n in Nodes)
                {
                    n.CutFromSomeNodes = true;
                }
            }
            foreach (var i in p.From)
            {
                Nodes[i].CutFromSomeNodes = true;
            }
        }
    }
}
