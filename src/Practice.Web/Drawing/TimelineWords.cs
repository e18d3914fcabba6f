using Practice.Simulation.Model;

namespace Practice.Web.Drawing;

/// <summary>Timeline entries in plain words, for the diagram, the charts and screen readers.</summary>
public static class TimelineWords
{
    public static string Describe(TimelineEntry entry) => entry switch
    {
        FaultEntry f => Fault(f.Fault),
        RecoverEntry r => $"{Subject(r.Fault)} recovers",
        ActionEntry a => Action(a.Action),
        _ => entry.ToString(),
    };

    public static string Fault(Fault fault) => fault switch
    {
        ComponentFault { Mode: FaultMode.CrashLoop } f => $"{Subject(f)} starts crash-looping",
        ComponentFault { Mode: FaultMode.Slow } f => $"{Subject(f)} slows down by {f.SlowLatencyMs} ms per call",
        ComponentFault f => $"{Subject(f)} goes down",
        NodePowerOff f => $"{f.Node} loses power",
        VmTerminated f => $"the VM of {f.Node} is terminated",
        NetworkPartition f => $"{string.Join(", ", f.Nodes)} is cut off from {PartitionPeer(f)}",
        EtcdMembersDown f => f.Count == 1 ? "etcd member etcd-1 goes down" : $"etcd members etcd-1..etcd-{f.Count} go down",
        EtcdLeaderDown => "the etcd leader goes down",
        EtcdCorrupt => "the etcd data is corrupted",
        RegistryDown => "the image registry goes down",
        DiskFull f => $"the disk of {f.Node} fills up",
        _ => fault.ToString(),
    };

    public static string Action(ClusterAction action) => action switch
    {
        RestartAction a => $"restart {Components.NameOf(a.Component)}{(a.Node is null ? "" : $" on {a.Node}")}",
        CordonAction a => $"cordon {a.Node}",
        UncordonAction a => $"uncordon {a.Node}",
        DrainAction a => $"drain {a.Node}",
        DeletePodAction a => $"delete a pod of {a.Workload}{(a.Node is null ? "" : $" on {a.Node}")}",
        ScaleAction a => $"scale {a.Workload} to {a.Replicas}",
        RestoreEtcdAction => "restore etcd from the latest snapshot",
        AddNodeAction a => $"add node {a.Name ?? "(new)"}{(a.Zone is null ? "" : $" in zone {a.Zone}")}",
        ReplaceNodeAction a => $"replace {a.Node}",
        WaitAction a => $"wait {a.ForMs / 1000} s",
        _ => action.ToString(),
    };

    private static string Subject(Fault fault) => fault switch
    {
        ComponentFault f when Components.IsPerNode(f.Component) =>
            f.Node is null ? $"{Components.NameOf(f.Component)} on every node" : $"{Components.NameOf(f.Component)} on {f.Node}",
        ComponentFault f => $"{Components.NameOf(f.Component)}{(f.Node is null ? "" : $" on {f.Node}")}",
        NodePowerOff f => $"power on {f.Node}",
        VmTerminated f => $"the VM of {f.Node}",
        NetworkPartition f => $"the network between {string.Join(", ", f.Nodes)} and {PartitionPeer(f)}",
        EtcdMembersDown f => f.Count == 1 ? "etcd-1" : $"etcd-1..etcd-{f.Count}",
        EtcdLeaderDown => "the etcd member that led",
        EtcdCorrupt => "etcd's data",
        RegistryDown => "the image registry",
        DiskFull f => $"the disk of {f.Node}",
        _ => fault.ToString(),
    };

    private static string PartitionPeer(NetworkPartition f) => f.From switch
    {
        PartitionFrom.ControlPlane => "the control plane",
        PartitionFrom.Nodes => "the other nodes",
        _ => string.Join(", ", f.FromNodes),
    };
}
