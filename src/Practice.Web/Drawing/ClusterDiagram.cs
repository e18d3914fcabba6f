using Practice.Simulation.Model;

namespace Practice.Web.Drawing;

/// <summary>
/// The set-up of a scenario as a server-rendered SVG: the control plane on the left, the nodes of
/// the data plane on the right with their per-node components, and every component or node the
/// timeline breaks marked in red. <see cref="Describe"/> says the same in words for screen readers.
/// </summary>
public static class ClusterDiagram
{
    private const int Width = 960;
    private const int NodeWidth = 200;
    private const int NodeHeight = 150;
    private static readonly Component[] PerNode =
        [Component.Kubelet, Component.ContainerRuntime, Component.KubeProxy, Component.Cni, Component.CniPlugin, Component.CsiNode];

    public static string Render(ScenarioSpec spec)
    {
        var faults = FaultMarks.From(spec);
        var nodes = spec.Cluster.Nodes;
        var columns = Math.Max(1, Math.Min(3, nodes.Count));
        var rows = (nodes.Count + columns - 1) / columns;
        var workloads = spec.Cluster.Workloads;
        var height = Math.Max(330, 60 + rows * (NodeHeight + 20) + 24 + workloads.Count * 18 + 12);
        var svg = new Svg(Width, height, "cluster", $"Cluster of {spec.Id}", Describe(spec));

        // Control plane
        svg.Rect(10, 10, 250, height - 20, "cp-box").Text(20, 34, "Control plane (decides)", "box-title");
        var y = 50.0;
        foreach (var (component, count) in new[]
                 {
                     (Component.KubeApiserver, spec.Cluster.Apiservers), (Component.Etcd, spec.Cluster.Etcd),
                     (Component.KubeScheduler, spec.Cluster.Schedulers), (Component.KubeControllerManager, spec.Cluster.ControllerManagers),
                     (Component.CloudControllerManager, 1),
                 })
        {
            var mark = faults.ForControlPlane(component);
            svg.Rect(24, y, 222, 36, mark is null ? "component control" : "component control faulted", mark);
            svg.Text(34, y + 23, count > 1 ? $"{Components.NameOf(component)} ×{count}" : Components.NameOf(component), "component-label");
            if (mark is not null)
            {
                svg.Text(238, y + 23, "⚡", "fault-glyph", "end");
            }
            y += 46;
        }

        // Data plane
        svg.Rect(275, 10, Width - 285, height - 20, "dp-box").Text(285, 34, "Data plane (does)", "box-title");
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var x = 290 + (i % columns) * (NodeWidth + 20);
            var top = 50 + (i / columns) * (NodeHeight + 20);
            var nodeMark = faults.ForNode(node.Name);
            svg.Rect(x, top, NodeWidth, NodeHeight, nodeMark is null ? "node" : "node faulted", nodeMark);
            svg.Text(x + 10, top + 20, $"{node.Name} · zone {node.Zone}", "node-label");
            for (var c = 0; c < PerNode.Length; c++)
            {
                var component = PerNode[c];
                var mark = faults.ForNodeComponent(component, node.Name);
                var cx = x + 10 + (c % 2) * 92;
                var cy = top + 32 + (c / 2) * 26;
                svg.Rect(cx, cy, 86, 20, mark is null ? "component data" : "component data faulted", mark, 3);
                var label = Components.NameOf(component);
                svg.Text(cx + 43, cy + 14, label, label.Length > 14 ? "component-small narrow" : "component-small", "middle");
            }
            var pods = string.Join(", ", WorkloadsOn(spec, node.Name));
            svg.Text(x + 10, top + NodeHeight - 12, pods.Length > 34 ? pods[..33] + "…" : pods, "pods-label");
        }
        // What runs on the nodes: pods are placed by the simulation, so the workloads are listed, not drawn per node.
        var listTop = 50 + rows * (NodeHeight + 20) + 8.0;
        svg.Text(290, listTop, "Workloads", "node-label");
        foreach (var w in workloads)
        {
            listTop += 18;
            var size = w.Kind switch { WorkloadKind.DaemonSet => "one per node", WorkloadKind.StaticPod => $"static on {w.Node}", _ => $"×{w.Replicas}" };
            var service = w.Service is null ? "" : $" → Service {w.Service}" + (w.Traffic > 0 ? $" ({w.Traffic} req/s)" : "");
            svg.Text(290, listTop, $"{w.Kind} {w.Name} {size}{service}{(w.Volume ? " · CSI volume" : "")}{(w.CrashAfterMs is not null ? " · crashes" : "")}", "pods-label");
        }
        return svg.ToString();
    }

    /// <summary>The diagram in words: the cluster, the workloads and what the timeline does.</summary>
    public static string Describe(ScenarioSpec spec)
    {
        var c = spec.Cluster;
        var parts = new List<string>
        {
            $"Control plane: {Plural(c.Apiservers, "kube-apiserver replica")}, {Plural(c.Etcd, "etcd member")}, " +
            $"{Plural(c.Schedulers, "kube-scheduler")}, {Plural(c.ControllerManagers, "kube-controller-manager")} and a cloud-controller-manager.",
            $"Data plane: {Plural(c.Nodes.Count, "node")} ({string.Join(", ", c.Nodes.Select(n => $"{n.Name} in zone {n.Zone}"))}), " +
            "each running a kubelet, a container runtime, kube-proxy, the CNI dataplane and plugin, and the CSI node plugin.",
        };
        foreach (var w in c.Workloads)
        {
            var size = w.Kind switch
            {
                WorkloadKind.DaemonSet => "one pod per node",
                WorkloadKind.StaticPod => $"a static pod on {w.Node}",
                _ => Plural(w.Replicas, "replica"),
            };
            var service = w.Service is null ? "" : $", behind Service {w.Service}" + (w.Traffic > 0 ? $" receiving {w.Traffic} requests per second" : "");
            parts.Add($"{w.Kind} {w.Name}: {size}{service}{(w.Volume ? ", each pod mounting a CSI volume" : "")}{(w.CrashAfterMs is not null ? ", containers that crash" : "")}.");
        }
        foreach (var entry in spec.Timeline.OrderBy(e => e.AtMs))
        {
            parts.Add($"At {Clock(entry.AtMs)}: {TimelineWords.Describe(entry)}.");
        }
        parts.Add($"The simulation runs for {Clock(spec.DurationMs)}.");
        return string.Join(" ", parts);
    }

    private static IEnumerable<string> WorkloadsOn(ScenarioSpec spec, string node) =>
        spec.Cluster.Workloads
            .Where(w => w.Kind == WorkloadKind.DaemonSet || (w.Kind == WorkloadKind.StaticPod && w.Node == node))
            .Select(w => w.Name);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string Clock(long ms) => Practice.Simulation.Text.Durations.Clock(ms);

    /// <summary>Which parts of the diagram the timeline breaks, with a tooltip saying when.</summary>
    private sealed class FaultMarks
    {
        private readonly Dictionary<string, List<string>> _marks = [];

        public static FaultMarks From(ScenarioSpec spec)
        {
            var marks = new FaultMarks();
            foreach (var entry in spec.Timeline.OfType<FaultEntry>())
            {
                var when = $"{TimelineWords.Describe(entry)} at {Clock(entry.AtMs)}";
                switch (entry.Fault)
                {
                    case ComponentFault f when Components.IsPerNode(f.Component):
                        marks.Add(f.Node is null ? $"{f.Component}@*" : $"{f.Component}@{f.Node}", when);
                        break;
                    case ComponentFault f:
                        marks.Add($"{f.Component}", when);
                        break;
                    case EtcdMembersDown or EtcdLeaderDown or EtcdCorrupt:
                        marks.Add($"{Component.Etcd}", when);
                        break;
                    case NodePowerOff f:
                        marks.Add($"node:{f.Node}", when);
                        break;
                    case VmTerminated f:
                        marks.Add($"node:{f.Node}", when);
                        break;
                    case DiskFull f:
                        marks.Add($"node:{f.Node}", when);
                        break;
                    case NetworkPartition f:
                        foreach (var node in f.Nodes)
                        {
                            marks.Add($"node:{node}", when);
                        }
                        break;
                }
            }
            return marks;
        }

        public string? ForControlPlane(Component component) => Get($"{component}");

        public string? ForNode(string node) => Get($"node:{node}");

        public string? ForNodeComponent(Component component, string node) =>
            Join(Get($"{component}@{node}"), Get($"{component}@*"));

        private void Add(string key, string text)
        {
            if (!_marks.TryGetValue(key, out var list))
            {
                _marks[key] = list = [];
            }
            list.Add(text);
        }

        private string? Get(string key) => _marks.TryGetValue(key, out var list) ? string.Join("; ", list) : null;

        private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";
    }
}
