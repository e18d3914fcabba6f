using Practice.Content.Diagnostics;
using Practice.Content.Yaml;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Content.Scenarios;

internal sealed partial class ScenarioReader
{
    // ---------------------------------------------------------------- timeline

    /// <summary>Names of nodes that <c>add-node</c> actions create, so faults and probes may name them.</summary>
    public void CollectAddedNodes(YamlValue? timeline)
    {
        if (timeline is not YamlList list)
        {
            return;
        }
        foreach (var item in list.Items.OfType<YamlMap>())
        {
            var action = item.Entries.FirstOrDefault(e => e.Key.Value == "action")?.Value as YamlMap;
            if (action?.Entries.FirstOrDefault(e => e.Key.Value == "do")?.Value is YamlText { Value: "add-node" }
                && action.Entries.FirstOrDefault(e => e.Key.Value == "name")?.Value is YamlText { IsNull: false } name
                && Read.IsSlug(name.Value) && !Names.HasNode(name.Value))
            {
                Names.NodeList.Add(name.Value);
            }
        }
    }

    public List<TimelineEntry>? ReadTimeline(YamlValue? value)
    {
        if (value is null)
        {
            return [];
        }
        return ReadMaps(value, "timeline", ReadEntry);
    }

    private TimelineEntry? ReadEntry(YamlMap map)
    {
        var f = new Fields(map, Problems, EntryFields);
        var at = Read.Duration(f.Required("at"), Problems, "at");
        var kinds = new[] { "fault", "recover", "action" }.Where(f.Has).ToList();
        if (kinds.Count != 1)
        {
            Problems.Error(kinds.Count == 0 ? map.At : f.KeyAt(kinds[1])!,
                kinds.Count == 0
                    ? "a timeline entry needs one of 'fault', 'recover' or 'action'"
                    : $"a timeline entry takes one of 'fault', 'recover' or 'action', not both '{kinds[0]}' and '{kinds[1]}'");
            return null;
        }
        var what = kinds[0];
        if (at is not null && !CheckWithinDuration(at.Value, f["at"]!, what == "action" ? "the action" : what == "fault" ? "the fault" : "the recovery"))
        {
            at = null;
        }
        switch (what)
        {
            case "action":
                var action = Read.Map(f["action"], Problems, "action") is { } actionMap ? ReadAction(actionMap, [], at) : null;
                return at is null || action is null ? null : new ActionEntry(at.Value, action);
            default:
                var fault = Read.Map(f[what], Problems, what) is { } faultMap ? ReadFault(faultMap, recover: what == "recover") : null;
                return at is null || fault is null ? null
                    : what == "fault" ? new FaultEntry(at.Value, fault) : new RecoverEntry(at.Value, fault);
        }
    }

    public bool CheckWithinDuration(long atMs, YamlValue value, string what)
    {
        if (atMs <= Names.DurationMs)
        {
            return true;
        }
        Problems.Error(value.At, $"{what} at {Read.Time(atMs)} is after the end of the scenario (duration {Read.Time(Names.DurationMs)})");
        return false;
    }

    private Fault? ReadFault(YamlMap map, bool recover)
    {
        var shape = FaultShapes.FirstOrDefault(s => map.Entries.Any(e => e.Key.Value == s));
        if (shape is null)
        {
            // A misspelt shape key ("compnent") reads better as an unknown field than as a missing shape.
            var first = map.Entries.FirstOrDefault();
            if (first is not null && Suggest.Closest(first.Key.Value, FaultShapes) is not null)
            {
                _ = new Fields(map, Problems, [.. FaultFields.Values.SelectMany(v => v).Distinct()]);
            }
            else
            {
                Problems.Error(map.At, $"a {(recover ? "recovery" : "fault")} needs one of: {string.Join(", ", FaultShapes)}");
            }
            return null;
        }
        var f = new Fields(map, Problems, FaultFields[shape]);
        var before = Problems.ErrorCount;
        switch (shape)
        {
            case "component":
                {
                    var component = ReadComponent(f["component"], "component");
                    var node = component is { } c ? ReadComponentNode(f, c) : null;
                    var mode = FaultMode.Down;
                    long latency = 0;
                    if (f["mode"] is { } m && Read.Text(m, Problems, "mode") is { } modeText)
                    {
                        switch (modeText)
                        {
                            case "down":
                            case "crash":
                                // A process that is down went away without a graceful stop: a leader releases nothing.
                                break;
                            case "crashloop":
                                mode = FaultMode.CrashLoop;
                                break;
                            case "slow":
                                mode = FaultMode.Slow;
                                if (f["slow"] is null)
                                {
                                    Problems.Error(m.At, "mode 'slow' needs the added latency: write 'slow: 500ms' instead");
                                }
                                break;
                            default:
                                Problems.Error(m.At, Suggest.Unknown("fault mode", modeText, ["down", "crash", "crashloop", "slow"]));
                                break;
                        }
                    }
                    if (f["slow"] is { } s && Read.Duration(s, Problems, "slow") is { } slowMs)
                    {
                        if (mode == FaultMode.CrashLoop)
                        {
                            Problems.Error(s.At, "'slow' and mode 'crashloop' do not go together");
                        }
                        mode = FaultMode.Slow;
                        latency = slowMs;
                    }
                    var replica = component is { } cc && f["replica"] is { } r ? ReadReplica(r, f, cc) : null;
                    return component is null || Problems.ErrorCount != before ? null : new ComponentFault(component.Value, node, mode, latency) { Replica = replica };
                }
            case "power":
                {
                    var node = ReadNode(f.Required("node"), "node");
                    var power = Read.Text(f["power"], Problems, "power");
                    if (power is not null && power != "off" && !(recover && power == "on"))
                    {
                        Problems.Error(f["power"]!.At, $"'power' must be 'off'{(recover ? " (or 'on')" : "")}, not '{power}'");
                    }
                    return node is null || Problems.ErrorCount != before ? null : new NodePowerOff(node);
                }
            case "vm":
                {
                    var node = ReadNode(f.Required("node"), "node");
                    ExpectWord(f["vm"], "vm", "terminated");
                    return node is null || Problems.ErrorCount != before ? null : new VmTerminated(node);
                }
            case "disk":
                {
                    var node = ReadNode(f.Required("node"), "node");
                    ExpectWord(f["disk"], "disk", "full");
                    return node is null || Problems.ErrorCount != before ? null : new DiskFull(node);
                }
            case "registry":
                ExpectWord(f["registry"], "registry", "down");
                return Problems.ErrorCount != before ? null : new RegistryDown();
            case "partition":
                {
                    var nodes = ReadNodeList(f["partition"], "partition");
                    var from = PartitionFrom.ControlPlane;
                    IReadOnlyList<string> fromNodes = [];
                    switch (f.Required("from"))
                    {
                        case YamlText { Value: "control-plane" }:
                            break;
                        case YamlText { Value: "nodes" }:
                            from = PartitionFrom.Nodes;
                            break;
                        case YamlList list:
                            from = PartitionFrom.NodeList;
                            fromNodes = ReadNodeList(list, "from") ?? [];
                            break;
                        case YamlText text:
                            if (Read.IsSlug(text.Value) && Names.HasNode(text.Value))
                            {
                                from = PartitionFrom.NodeList;
                                fromNodes = [text.Value];
                            }
                            else
                            {
                                Problems.Error(text.At, $"'from' must be control-plane, nodes, or a list of nodes, not '{text.Value}'");
                            }
                            break;
                        case { } other:
                            Problems.Error(other.At, $"'from' must be control-plane, nodes, or a list of nodes, not {other.Describe()}");
                            break;
                    }
                    return nodes is null || Problems.ErrorCount != before ? null : new NetworkPartition(nodes, from, fromNodes);
                }
            default: // etcd
                {
                    var kind = Read.Text(f["etcd"], Problems, "etcd");
                    switch (kind)
                    {
                        case "member-down":
                            var count = Read.Int(f.Required("count"), Problems, "count", 1, Names.EtcdMembers);
                            return count is null || Problems.ErrorCount != before ? null : new EtcdMembersDown(count.Value);
                        case "leader-down" or "corrupt":
                            if (f.KeyAt("count") is { } countAt)
                            {
                                Problems.Error(countAt, $"'count' goes with 'etcd: member-down', not '{kind}'");
                            }
                            return Problems.ErrorCount != before ? null : kind == "corrupt" ? new EtcdCorrupt() : new EtcdLeaderDown();
                        case null:
                            return null;
                        default:
                            Problems.Error(f["etcd"]!.At, Suggest.Unknown("etcd fault", kind, ["member-down", "leader-down", "corrupt"]));
                            return null;
                    }
                }
        }
    }

    /// <summary><c>replica: leader</c> (whichever replica leads then) or <c>replica: 2</c> (that one), control plane only.</summary>
    private string? ReadReplica(YamlValue value, Fields f, Component component)
    {
        if (Components.IsPerNode(component))
        {
            Problems.Error(f.KeyAt("replica")!, $"{Components.NameOf(component)} runs on every node: name one with 'node', not 'replica'");
            return null;
        }
        if (Read.Text(value, Problems, "replica") is not { } text)
        {
            return null;
        }
        var replicas = Names.ControlPlaneReplicas[component];
        if (text == "leader")
        {
            if (component is Component.KubeApiserver)
            {
                Problems.Error(value.At, "kube-apiserver replicas have no leader (they all serve behind the load balancer); use 'replica: 1'..'replica: N'");
                return null;
            }
            return text;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= replicas)
        {
            return text;
        }
        Problems.Error(value.At, $"'replica' must be 'leader' or a replica number 1..{replicas} of {Components.NameOf(component)}, not '{text}'");
        return null;
    }

    private void ExpectWord(YamlValue? value, string field, string word)
    {
        if (Read.Text(value, Problems, field) is { } text && text != word)
        {
            Problems.Error(value!.At, $"'{field}' must be '{word}', not '{text}'");
        }
    }

    // ---------------------------------------------------------------- actions

    /// <summary>
    /// Reads an action (a timeline <c>action:</c> or a runbook choice, which adds <paramref name="extraFields"/>).
    /// <paramref name="atMs"/> is when it runs, when known (a choice's time depends on the answer).
    /// </summary>
    public ClusterAction? ReadAction(YamlMap map, IReadOnlyCollection<string> extraFields, long? atMs)
    {
        var doEntry = map.Entries.FirstOrDefault(e => e.Key.Value == "do");
        if (doEntry is null)
        {
            _ = new Fields(map, Problems, [.. extraFields, "do", .. ActionFields.Values.SelectMany(v => v).Distinct()]);
            Problems.Error(map.At, $"missing required field 'do' (one of: {string.Join(", ", ActionFields.Keys)})");
            return null;
        }
        var verb = Read.Text(doEntry.Value, Problems, "do");
        if (verb is null)
        {
            return null;
        }
        if (!ActionFields.TryGetValue(verb, out var fields))
        {
            Problems.Error(doEntry.Value.At, Suggest.Unknown("action", verb, ActionFields.Keys));
            return null;
        }
        var f = new Fields(map, Problems, [.. extraFields, "do", .. fields]);
        var before = Problems.ErrorCount;
        ClusterAction? action = null;
        switch (verb)
        {
            case "restart":
                if (ReadComponent(f.Required("component"), "component") is { } component)
                {
                    var node = ReadComponentNode(f, component);
                    action = new RestartAction(component, node);
                }
                break;
            case "cordon" or "uncordon" or "drain" or "replace-node":
                if (ReadNode(f.Required("node"), "node") is { } target)
                {
                    action = verb switch
                    {
                        "cordon" => new CordonAction(target),
                        "uncordon" => new UncordonAction(target),
                        "drain" => new DrainAction(target),
                        _ => new ReplaceNodeAction(target),
                    };
                }
                break;
            case "delete-pod":
                {
                    var workload = ReadWorkload(f.Required("workload"), "workload");
                    var node = f["node"] is { } n ? ReadNode(n, "node") : null;
                    if (workload is not null)
                    {
                        action = new DeletePodAction(workload, node);
                    }
                    break;
                }
            case "scale":
                {
                    var workload = ReadWorkload(f.Required("workload"), "workload");
                    if (workload is not null && Names.WorkloadKinds[workload] is not (WorkloadKind.Deployment or WorkloadKind.StatefulSet))
                    {
                        Problems.Error(f["workload"]!.At, $"'{workload}' is a {Names.WorkloadKinds[workload]}; only a Deployment or StatefulSet scales");
                    }
                    var replicas = Read.Int(f.Required("replicas"), Problems, "replicas", 0, 1000);
                    if (workload is not null && replicas is not null)
                    {
                        action = new ScaleAction(workload, replicas.Value);
                    }
                    break;
                }
            case "restore-etcd":
                if (Names.SnapshotAtMs is not { } snapshot)
                {
                    Problems.Error(doEntry.Value.At, "restore-etcd needs an etcd snapshot: add 'snapshot: <time>' to the cluster section");
                }
                else if (atMs is { } when && when < snapshot)
                {
                    Problems.Error(doEntry.Value.At, $"restore-etcd at {Read.Time(when)} comes before the snapshot is taken ({Read.Time(snapshot)})");
                }
                else
                {
                    action = new RestoreEtcdAction();
                }
                break;
            case "add-node":
                {
                    var name = f["name"] is { } n ? Read.Slug(n, Problems, "name") : null;
                    var zone = f["zone"] is { } z ? Read.Slug(z, Problems, "zone") : null;
                    action = new AddNodeAction(name, zone);
                    break;
                }
            case "apply":
                if (Read.Map(f.Required("workload"), Problems, "workload") is { } workloadMap)
                {
                    var kindText = workloadMap.Entries.FirstOrDefault(e => e.Key.Value == "kind")?.Value as YamlText;
                    if (kindText?.Value == nameof(WorkloadKind.StaticPod))
                    {
                        Problems.Error(kindText.At, "a StaticPod is a file on its node, not an API object: apply takes a Deployment, StatefulSet or DaemonSet");
                    }
                    else if (ReadWorkload(workloadMap) is { } applied)
                    {
                        action = new ApplyAction(applied);
                    }
                }
                break;
            case "wait":
                if (Read.Duration(f.Required("for"), Problems, "for") is { } waitMs)
                {
                    action = new WaitAction(waitMs);
                }
                break;
        }
        return Problems.ErrorCount == before ? action : null;
    }
}
