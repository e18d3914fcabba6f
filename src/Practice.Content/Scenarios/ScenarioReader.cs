using Practice.Content.Diagnostics;
using Practice.Content.Yaml;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Content.Scenarios;

/// <summary>
/// Reads the cluster, timeline and actions of a scenario's front matter into the engine's
/// <see cref="ScenarioSpec"/> shapes, reporting every problem with its position.
/// </summary>
internal sealed class ScenarioReader(Problems problems, ScenarioNames names)
{
    public Problems Problems { get; } = problems;
    public ScenarioNames Names { get; } = names;

    private static readonly string[] ClusterFields = ["apiservers", "etcd", "schedulers", "controllerManagers", "nodes", "workloads", "snapshot"];
    private static readonly string[] NodeFields = ["name", "zone", "cpu", "memory", "maxPods", "labels"];
    private static readonly string[] WorkloadFields = ["kind", "name", "replicas", "requests", "service", "traffic", "volume", "crash", "node", "nodeSelector", "imagePullPolicy", "readinessProbe"];
    private static readonly string[] ReadinessFields = ["type", "period", "failureThreshold"];
    private static readonly string[] RequestFields = ["cpu", "memory"];
    private static readonly string[] CrashFields = ["after"];
    private static readonly string[] EntryFields = ["at", "fault", "recover", "action"];

    public static readonly IReadOnlyDictionary<string, string[]> ActionFields = new Dictionary<string, string[]>
    {
        ["restart"] = ["component", "node"],
        ["cordon"] = ["node"],
        ["uncordon"] = ["node"],
        ["drain"] = ["node"],
        ["delete-pod"] = ["workload", "node"],
        ["scale"] = ["workload", "replicas"],
        ["restore-etcd"] = [],
        ["add-node"] = ["name", "zone"],
        ["replace-node"] = ["node"],
        ["wait"] = ["for"],
        ["apply"] = ["workload"],
    };

    private static readonly string[] FaultShapes = ["component", "power", "vm", "partition", "etcd", "registry", "disk"];

    private static readonly Dictionary<string, string[]> FaultFields = new()
    {
        ["component"] = ["component", "node", "replica", "mode", "slow"],
        ["power"] = ["power", "node"],
        ["vm"] = ["vm", "node"],
        ["partition"] = ["partition", "from"],
        ["etcd"] = ["etcd", "count"],
        ["registry"] = ["registry"],
        ["disk"] = ["disk", "node"],
    };

    /// <summary>Timing overrides (<c>timings:</c>), named as in <see cref="TimingOverrides"/> without "Ms".</summary>
    public static readonly string[] TimingFields =
    [
        "nodeLeaseDuration", "nodeMonitorGracePeriod", "tolerationSeconds", "leaderLeaseDuration",
        "etcdElectionTimeout", "crashLoopInitialBackoff", "crashLoopMaxBackoff",
    ];

    // ---------------------------------------------------------------- cluster

    public ClusterSpec? ReadCluster(YamlValue? value)
    {
        if (Read.Map(value, Problems, "cluster") is not { } map)
        {
            return null;
        }
        var f = new Fields(map, Problems, ClusterFields);
        var apiservers = f["apiservers"] is { } a ? Read.Int(a, Problems, "apiservers", 1, 9) : 1;
        int? etcd = 3;
        if (f["etcd"] is { } e)
        {
            etcd = Read.Int(e, Problems, "etcd");
            if (etcd is not null and not (1 or 3 or 5))
            {
                Problems.Error(e.At, $"'etcd' must be 1, 3 or 5 members, not {etcd}");
                etcd = null;
            }
        }
        Names.EtcdMembers = etcd ?? 3;
        var schedulers = f["schedulers"] is { } s ? Read.Int(s, Problems, "schedulers", 1, 9) : 1;
        var managers = f["controllerManagers"] is { } c ? Read.Int(c, Problems, "controllerManagers", 1, 9) : 1;
        var nodes = ReadNodes(f.Required("nodes"));
        var workloads = ReadWorkloads(f["workloads"]);
        long? snapshot = null;
        if (f["snapshot"] is { } snap && Read.Duration(snap, Problems, "snapshot") is { } snapAt)
        {
            snapshot = snapAt;
            CheckWithinDuration(snapAt, snap, "the etcd snapshot");
        }
        Names.SnapshotAtMs = snapshot;
        Names.ControlPlaneReplicas[Component.KubeApiserver] = apiservers ?? 1;
        Names.ControlPlaneReplicas[Component.Etcd] = etcd ?? 3;
        Names.ControlPlaneReplicas[Component.KubeScheduler] = schedulers ?? 1;
        Names.ControlPlaneReplicas[Component.KubeControllerManager] = managers ?? 1;
        if (apiservers is null || etcd is null || schedulers is null || managers is null || nodes is null || workloads is null)
        {
            return null;
        }
        return new ClusterSpec
        {
            Apiservers = apiservers.Value,
            Etcd = etcd.Value,
            Schedulers = schedulers.Value,
            ControllerManagers = managers.Value,
            Nodes = nodes,
            Workloads = workloads,
            SnapshotAtMs = snapshot,
        };
    }

    private List<NodeSpec>? ReadNodes(YamlValue? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value is YamlText text)
        {
            if (Read.Int(text, Problems, "nodes", 1, 500) is not { } count)
            {
                return null;
            }
            var counted = Enumerable.Range(1, count).Select(i => new NodeSpec { Name = $"node-{i}" }).ToList();
            Names.NodeList.AddRange(counted.Select(n => n.Name));
            return counted;
        }
        if (Read.List(value, Problems, "nodes") is not { } list)
        {
            return null;
        }
        if (list.Items.Count == 0)
        {
            Problems.Error(list.At, "'nodes' needs at least one node");
            return null;
        }
        var nodes = new List<NodeSpec>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (Read.Map(item, Problems, "nodes") is not { } map)
            {
                ok = false;
                continue;
            }
            var f = new Fields(map, Problems, NodeFields);
            var name = Read.Slug(f.Required("name"), Problems, "name");
            var zone = f["zone"] is { } z ? Read.Slug(z, Problems, "zone") : "a";
            var cpu = f["cpu"] is { } c ? Read.CpuMillis(c, Problems, "cpu") : 4000;
            var memory = f["memory"] is { } m ? Read.Bytes(m, Problems, "memory") : 16L << 30;
            var maxPods = f["maxPods"] is { } p ? Read.Int(p, Problems, "maxPods", 1, 1000) : 110;
            var labels = f["labels"] is { } l ? Read.Labels(l, Problems, "labels") : [];
            if (name is not null && Names.NodeList.Contains(name))
            {
                Problems.Error(f["name"]!.At, $"duplicate node name '{name}'");
                name = null;
            }
            if (name is null || zone is null || cpu is null || memory is null || maxPods is null || labels is null)
            {
                ok = false;
                continue;
            }
            Names.NodeList.Add(name);
            nodes.Add(new NodeSpec { Name = name, Zone = zone, CpuMillis = cpu.Value, MemoryBytes = memory.Value, MaxPods = maxPods.Value, Labels = labels });
        }
        return ok ? nodes : null;
    }

    private List<WorkloadSpec>? ReadWorkloads(YamlValue? value)
    {
        if (value is null)
        {
            return [];
        }
        if (Read.List(value, Problems, "workloads") is not { } list)
        {
            return null;
        }
        var workloads = new List<WorkloadSpec>();
        var ok = true;
        // StaticPod nodes are checked after every workload is read (nodes are read first).
        foreach (var item in list.Items)
        {
            if (Read.Map(item, Problems, "workloads") is not { } map)
            {
                ok = false;
                continue;
            }
            var workload = ReadWorkload(map);
            if (workload is null)
            {
                ok = false;
                continue;
            }
            workloads.Add(workload);
        }
        return ok ? workloads : null;
    }

    private WorkloadSpec? ReadWorkload(YamlMap map)
    {
        var f = new Fields(map, Problems, WorkloadFields);
        WorkloadKind? kind = null;
        if (Read.Text(f.Required("kind"), Problems, "kind") is { } kindText)
        {
            if (Enum.TryParse<WorkloadKind>(kindText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            {
                kind = parsed;
            }
            else
            {
                Problems.Error(f["kind"]!.At, Suggest.Unknown("workload kind", kindText, Enum.GetNames<WorkloadKind>()));
            }
        }
        var name = Read.Slug(f.Required("name"), Problems, "name");
        if (name is not null && Names.WorkloadKinds.ContainsKey(name))
        {
            Problems.Error(f["name"]!.At, $"duplicate workload name '{name}'");
            name = null;
        }
        var ok = true;
        int? replicas = 1;
        if (f["replicas"] is { } r)
        {
            if (kind is WorkloadKind.DaemonSet or WorkloadKind.StaticPod)
            {
                Problems.Error(f.KeyAt("replicas")!, $"a {kind} takes no 'replicas' ({(kind == WorkloadKind.DaemonSet ? "it runs one pod on every eligible node" : "it runs one pod on its node")})");
                ok = false;
            }
            else
            {
                replicas = Read.Int(r, Problems, "replicas", 0, 1000);
            }
        }
        int? cpu = 100;
        long? memory = 128L << 20;
        if (f["requests"] is { } req && Read.Map(req, Problems, "requests") is { } reqMap)
        {
            var rf = new Fields(reqMap, Problems, RequestFields);
            cpu = rf["cpu"] is { } c ? Read.CpuMillis(c, Problems, "cpu") : cpu;
            memory = rf["memory"] is { } m ? Read.Bytes(m, Problems, "memory") : memory;
        }
        else if (f["requests"] is not null)
        {
            ok = false;
        }
        string? service = null;
        if (f["service"] is { } svc)
        {
            service = Read.Slug(svc, Problems, "service");
            if (service is not null && Names.ServiceList.Contains(service))
            {
                Problems.Error(svc.At, $"Service '{service}' already fronts another workload");
                service = null;
            }
            ok &= service is not null;
        }
        int? traffic = 0;
        if (f["traffic"] is { } t)
        {
            traffic = Read.Int(t, Problems, "traffic", 0, 100_000);
            if (f["service"] is null)
            {
                Problems.Error(f.KeyAt("traffic")!, "'traffic' needs a 'service' to send the requests to");
                ok = false;
            }
        }
        bool? volume = f["volume"] is { } v ? Read.Bool(v, Problems, "volume") : false;
        long? crashAfter = null;
        if (f["crash"] is { } crash)
        {
            if (Read.Map(crash, Problems, "crash") is { } crashMap)
            {
                var cf = new Fields(crashMap, Problems, CrashFields);
                crashAfter = Read.Duration(cf.Required("after"), Problems, "after");
                ok &= crashAfter is not null;
            }
            else
            {
                ok = false;
            }
        }
        string? node = null;
        if (kind == WorkloadKind.StaticPod)
        {
            node = Read.Slug(f.Required("node"), Problems, "node");
            if (node is not null && !Names.HasNode(node))
            {
                Problems.Error(f["node"]!.At, Suggest.Unknown("node", node, Names.NodeList));
                node = null;
            }
            ok &= node is not null;
        }
        else if (f["node"] is not null && kind is not null)
        {
            Problems.Error(f.KeyAt("node")!, $"only a StaticPod takes 'node' (a {kind}'s pods are placed by the scheduler; use 'nodeSelector')");
            ok = false;
        }
        var selector = f["nodeSelector"] is { } sel ? Read.Labels(sel, Problems, "nodeSelector") : [];
        var pullPolicy = ImagePullPolicy.IfNotPresent;
        if (f["imagePullPolicy"] is { } policyValue && Read.Text(policyValue, Problems, "imagePullPolicy") is { } policyText)
        {
            if (policyText is "IfNotPresent" or "Always")
            {
                pullPolicy = Enum.Parse<ImagePullPolicy>(policyText);
            }
            else
            {
                Problems.Error(policyValue.At, policyText == "Never"
                    ? "imagePullPolicy 'Never' is not modelled (a node without the image would fail with ErrImageNeverPull); use IfNotPresent or Always"
                    : Suggest.Unknown("imagePullPolicy", policyText, Enum.GetNames<ImagePullPolicy>(), "policies the simulation models"));
                ok = false;
            }
        }
        ReadinessProbeSpec? readiness = null;
        if (f["readinessProbe"] is { } probeValue)
        {
            readiness = ReadReadiness(probeValue);
            ok &= readiness is not null;
        }
        if (kind is null || name is null || replicas is null || cpu is null || memory is null || traffic is null || volume is null || selector is null || !ok)
        {
            if (name is not null && kind is not null)
            {
                Names.WorkloadKinds[name] = kind.Value;
            }
            return null;
        }
        Names.WorkloadKinds[name] = kind.Value;
        if (service is not null)
        {
            Names.ServiceList.Add(service);
        }
        return new WorkloadSpec
        {
            Kind = kind.Value,
            Name = name,
            Replicas = kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet ? replicas.Value : 1,
            CpuMillis = cpu.Value,
            MemoryBytes = memory.Value,
            Service = service,
            Traffic = traffic.Value,
            Volume = volume.Value,
            CrashAfterMs = crashAfter,
            Node = node,
            NodeSelector = selector,
            ImagePullPolicy = pullPolicy,
            Readiness = readiness,
        };
    }

    /// <summary><c>readinessProbe: { type: http | tcp | exec, period: 10s, failureThreshold: 3 }</c> (period and threshold as Kubernetes defaults them).</summary>
    private ReadinessProbeSpec? ReadReadiness(YamlValue value)
    {
        if (Read.Map(value, Problems, "readinessProbe") is not { } map)
        {
            return null;
        }
        var f = new Fields(map, Problems, ReadinessFields);
        ProbeType? type = null;
        if (Read.Text(f.Required("type"), Problems, "type") is { } typeText)
        {
            type = typeText switch { "http" => ProbeType.Http, "tcp" => ProbeType.Tcp, "exec" => ProbeType.Exec, _ => null };
            if (type is null)
            {
                Problems.Error(f["type"]!.At, Suggest.Unknown("probe type", typeText, ["http", "tcp", "exec"]));
            }
        }
        long? period = ReadinessProbeSpec.DefaultPeriodMs;
        if (f["period"] is { } periodValue)
        {
            period = Read.Duration(periodValue, Problems, "period");
            if (period is < 1_000 or > 300_000)
            {
                Problems.Error(periodValue.At, "a probe's period is 1s to 5m (Kubernetes' default is 10s)");
                period = null;
            }
        }
        var threshold = f["failureThreshold"] is { } thresholdValue ? Read.Int(thresholdValue, Problems, "failureThreshold", 1, 100) : ReadinessProbeSpec.DefaultFailureThreshold;
        return type is null || period is null || threshold is null
            ? null
            : new ReadinessProbeSpec { Type = type.Value, PeriodMs = period.Value, FailureThreshold = threshold.Value };
    }

    // ---------------------------------------------------------------- timings

    public TimingOverrides? ReadTimings(YamlValue? value)
    {
        if (value is null)
        {
            return new TimingOverrides();
        }
        if (Read.Map(value, Problems, "timings") is not { } map)
        {
            return null;
        }
        var f = new Fields(map, Problems, TimingFields);
        long? Get(string key) => f[key] is { } v ? Read.Duration(v, Problems, key) : null;
        var before = Problems.ErrorCount;
        var timings = new TimingOverrides
        {
            NodeLeaseDurationMs = Get("nodeLeaseDuration"),
            NodeMonitorGracePeriodMs = Get("nodeMonitorGracePeriod"),
            TolerationSecondsMs = Get("tolerationSeconds"),
            LeaderLeaseDurationMs = Get("leaderLeaseDuration"),
            EtcdElectionTimeoutMs = Get("etcdElectionTimeout"),
            CrashLoopInitialBackoffMs = Get("crashLoopInitialBackoff"),
            CrashLoopMaxBackoffMs = Get("crashLoopMaxBackoff"),
        };
        return Problems.ErrorCount == before ? timings : null;
    }

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
        if (Read.List(value, Problems, "timeline") is not { } list)
        {
            return null;
        }
        var entries = new List<TimelineEntry>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (Read.Map(item, Problems, "timeline") is not { } map)
            {
                ok = false;
                continue;
            }
            var entry = ReadEntry(map);
            if (entry is null)
            {
                ok = false;
                continue;
            }
            entries.Add(entry);
        }
        return ok ? entries : null;
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

    // ---------------------------------------------------------------- names

    private Component? ReadComponent(YamlValue? value, string field)
    {
        if (Read.Text(value, Problems, field) is not { } name)
        {
            return null;
        }
        if (Components.TryParse(name, out var component))
        {
            return component;
        }
        Problems.Error(value!.At, Suggest.Unknown("component", name, Components.Names));
        return null;
    }

    /// <summary>The optional <c>node:</c> beside a component: only per-node (data-plane) components take one.</summary>
    private string? ReadComponentNode(Fields f, Component component)
    {
        if (f["node"] is not { } value)
        {
            return null;
        }
        if (!Components.IsPerNode(component))
        {
            Problems.Error(f.KeyAt("node")!, $"{Components.NameOf(component)} is a control-plane component and takes no 'node'");
            return null;
        }
        return ReadNode(value, "node");
    }

    public string? ReadNode(YamlValue? value, string field)
    {
        if (Read.Slug(value, Problems, field) is not { } name)
        {
            return null;
        }
        if (!Names.HasNode(name))
        {
            Problems.Error(value!.At, Suggest.Unknown("node", name, Names.NodeList));
            return null;
        }
        return name;
    }

    private List<string>? ReadNodeList(YamlValue? value, string field)
    {
        if (value is YamlText)
        {
            return ReadNode(value, field) is { } single ? [single] : null;
        }
        if (Read.List(value, Problems, field) is not { } list)
        {
            return null;
        }
        if (list.Items.Count == 0)
        {
            Problems.Error(list.At, $"'{field}' needs at least one node");
            return null;
        }
        var nodes = list.Items.Select(i => ReadNode(i, field)).ToList();
        return nodes.Any(n => n is null) ? null : [.. nodes.OfType<string>()];
    }

    private string? ReadWorkload(YamlValue? value, string field)
    {
        if (Read.Slug(value, Problems, field) is not { } name)
        {
            return null;
        }
        if (!Names.HasWorkload(name))
        {
            Problems.Error(value!.At, Suggest.Unknown("workload", name, Names.Workloads));
            return null;
        }
        return name;
    }

    // ---------------------------------------------------------------- probes

    /// <summary>Parses a probe and checks the names and times it uses; errors land on the probe's own line and column.</summary>
    public Probe? ReadProbe(YamlValue? value, string field)
    {
        if (Read.Scalar(value, Problems, field, "a probe") is not { } text)
        {
            return null;
        }
        var parsed = ProbeParser.Parse(text.Value);
        foreach (var error in parsed.Errors)
        {
            Problems.Error(text.PositionOf(Math.Max(0, error.Column - 1)), error.Message);
        }
        if (parsed.Probe is not { } probe)
        {
            return null;
        }
        var invalid = probe.Validate(Names);
        foreach (var error in invalid)
        {
            Problems.Error(text.PositionOf(Math.Max(0, error.Column - 1)), error.Message);
        }
        return invalid.Count == 0 ? probe : null;
    }

    public EventRef? ReadEvent(YamlValue? value, string field)
    {
        if (Read.Scalar(value, Problems, field, "an event like PodScheduled(web)") is not { } text)
        {
            return null;
        }
        var parsed = ProbeParser.ParseEvent(text.Value);
        foreach (var error in parsed.Errors)
        {
            Problems.Error(text.PositionOf(Math.Max(0, error.Column - 1)), error.Message);
        }
        if (parsed.Event is not { } ev)
        {
            return null;
        }
        // Validate's columns assume the canonical spelling; find the subject where it is really written.
        var subjectIndex = text.Value.IndexOf(ev.Subject, text.Value.IndexOf('(', StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        var invalid = ev.Validate(Names);
        foreach (var error in invalid)
        {
            Problems.Error(text.PositionOf(subjectIndex >= 0 ? subjectIndex : error.Column - 1), error.Message);
        }
        return invalid.Count == 0 ? ev : null;
    }
}
