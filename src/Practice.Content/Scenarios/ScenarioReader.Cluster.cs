using Practice.Content.Diagnostics;
using Practice.Content.Yaml;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Content.Scenarios;

internal sealed partial class ScenarioReader
{
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
            // Any size etcd accepts; an even one is allowed so that a scenario can show why it buys nothing.
            etcd = Read.Int(e, Problems, "etcd", 1, 7);
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
        // StaticPod nodes are checked as each workload is read: the nodes are read first.
        return ReadMaps(value, "workloads", ReadWorkload);
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
}
