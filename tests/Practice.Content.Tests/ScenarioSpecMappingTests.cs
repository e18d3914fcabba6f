using Practice.Simulation.Model;

namespace Practice.Content.Tests;

/// <summary>Front matter maps onto the engine's ScenarioSpec: durations, quantities, nodes, workloads, timeline, timings.</summary>
public class ScenarioSpecMappingTests
{
    private const string Header = """
        ---
        id: mapping
        title: Mapping
        module: control-plane-data-plane
        components: [kubelet]
        difficulty: 2
        """;

    private const string Question = """
        questions:
          - id: q
            kind: multi
            prompt: Which hold?
            options:
              - { id: api, text: The API answers, probe: api.available at 1m }
        ---
        Explanation.
        """;

    private static (Content.Scenarios.Scenario? Scenario, IReadOnlyList<string> Problems) Parse(string middle) =>
        Fixture.Inline(Header + "\n" + middle + "\n" + Question);

    [Fact]
    public void ACountOfNodesBecomesNodeOneToN()
    {
        var (scenario, problems) = Parse("cluster:\n  nodes: 3\nduration: 10m");

        Assert.Empty(problems);
        Assert.Equal(["node-1", "node-2", "node-3"], scenario!.Spec.Cluster.Nodes.Select(n => n.Name));
        Assert.All(scenario.Spec.Cluster.Nodes, n => Assert.Equal("a", n.Zone));
        Assert.Equal(600_000, scenario.Spec.DurationMs);
        Assert.Equal("1.34", scenario.Spec.KubernetesVersion);
        Assert.Equal(1, scenario.Spec.Seed);
        Assert.Equal(new Content.Diagnostics.SourcePosition("inline.md", 8, 10), scenario.Positions["cluster.nodes"]);
        Assert.Equal(new Content.Diagnostics.SourcePosition("inline.md", 15, 50), scenario.Positions["questions[0].options[0].probe"]);
    }

    [Fact]
    public void NodeListsWorkloadsAndQuantitiesAreRead()
    {
        var (scenario, problems) = Parse("""
            kubernetes: "1.31"
            seed: 9
            cluster:
              etcd: 5
              snapshot: 1m30s
              nodes:
                - { name: big, zone: b, cpu: 8, memory: 32Gi, labels: { disk: ssd } }
                - { name: small, cpu: 500m, memory: 512Mi }
              workloads:
                - { kind: Deployment, name: web, replicas: 4, requests: { cpu: 250m, memory: 256Mi }, service: web, traffic: 20, nodeSelector: { disk: ssd } }
                - { kind: DaemonSet, name: agent }
                - { kind: StaticPod, name: etcd-backup, node: small, crash: { after: 2s } }
                - { kind: StatefulSet, name: db, replicas: 3, volume: true }
            duration: 1m30s
            """);

        Assert.Empty(problems);
        var spec = scenario!.Spec;
        Assert.Equal("1.31", spec.KubernetesVersion);
        Assert.Equal(9, spec.Seed);
        Assert.Equal(5, spec.Cluster.Etcd);
        Assert.Equal(90_000, spec.Cluster.SnapshotAtMs);
        Assert.Equal(new[] { ("big", "b", 8000, 32L << 30), ("small", "a", 500, 512L << 20) },
            spec.Cluster.Nodes.Select(n => (n.Name, n.Zone, n.CpuMillis, n.MemoryBytes)));
        Assert.Equal("ssd", spec.Cluster.Nodes[0].Labels["disk"]);
        var web = spec.Cluster.Workloads[0];
        Assert.Equal((WorkloadKind.Deployment, 4, 250, 256L << 20, "web", 20), (web.Kind, web.Replicas, web.CpuMillis, web.MemoryBytes, web.Service, web.Traffic));
        Assert.Equal("ssd", web.NodeSelector["disk"]);
        Assert.Equal(WorkloadKind.DaemonSet, spec.Cluster.Workloads[1].Kind);
        Assert.Equal(("small", 2000L), (spec.Cluster.Workloads[2].Node, spec.Cluster.Workloads[2].CrashAfterMs!.Value));
        Assert.True(spec.Cluster.Workloads[3].Volume);
    }

    [Fact]
    public void EveryTimelineShapeMapsOntoTheEngineModel()
    {
        var (scenario, problems) = Parse("""
            cluster:
              nodes: 3
              snapshot: 10s
              workloads:
                - { kind: Deployment, name: web, replicas: 2 }
            timeline:
              - { at: 500ms, fault: { component: kube-apiserver } }
              - { at: 1m, fault: { component: kubelet, node: node-2, mode: crashloop } }
              - { at: 1m, fault: { component: etcd, slow: 200ms } }
              - { at: 1m30s, fault: { node: node-3, power: off } }
              - { at: 2m, fault: { vm: terminated, node: node-3 } }
              - { at: 2m, fault: { partition: [node-2], from: control-plane } }
              - { at: 2m, fault: { partition: [node-1], from: [node-2, node-3] } }
              - { at: 2m, fault: { etcd: member-down, count: 2 } }
              - { at: 2m, fault: { etcd: leader-down } }
              - { at: 2m, fault: { etcd: corrupt } }
              - { at: 2m, fault: { registry: down } }
              - { at: 2m, fault: { disk: full, node: node-1 } }
              - { at: 3m, recover: { node: node-3, power: on } }
              - { at: 3m, action: { do: restart, component: kube-proxy, node: node-1 } }
              - { at: 3m, action: { do: drain, node: node-2 } }
              - { at: 3m, action: { do: delete-pod, workload: web } }
              - { at: 3m, action: { do: scale, workload: web, replicas: 5 } }
              - { at: 3m, action: { do: restore-etcd } }
              - { at: 3m, action: { do: add-node, name: node-4, zone: b } }
              - { at: 4m, action: { do: cordon, node: node-4 } }
              - { at: 4m, action: { do: replace-node, node: node-1 } }
              - { at: 4m, action: { do: wait, for: 30s } }
            duration: 5m
            timings: { nodeMonitorGracePeriod: 40s, tolerationSeconds: 60s }
            """);

        Assert.Empty(problems);
        var t = scenario!.Spec.Timeline;
        Assert.Equal(new FaultEntry(500, new ComponentFault(Component.KubeApiserver, null)), t[0]);
        Assert.Equal(new FaultEntry(60_000, new ComponentFault(Component.Kubelet, "node-2", FaultMode.CrashLoop)), t[1]);
        Assert.Equal(new FaultEntry(60_000, new ComponentFault(Component.Etcd, null, FaultMode.Slow, 200)), t[2]);
        Assert.Equal(new FaultEntry(90_000, new NodePowerOff("node-3")), t[3]);
        Assert.IsType<VmTerminated>(((FaultEntry)t[4]).Fault);
        var partition = Assert.IsType<NetworkPartition>(((FaultEntry)t[6]).Fault);
        Assert.Equal(PartitionFrom.NodeList, partition.From);
        Assert.Equal(["node-2", "node-3"], partition.FromNodes);
        Assert.Equal(new EtcdMembersDown(2), ((FaultEntry)t[7]).Fault);
        Assert.Equal(new RecoverEntry(180_000, new NodePowerOff("node-3")), t[12]);
        Assert.Equal(new ActionEntry(180_000, new RestartAction(Component.KubeProxy, "node-1")), t[13]);
        Assert.Equal(new ActionEntry(180_000, new AddNodeAction("node-4", "b")), t[18]);
        Assert.Equal(new ActionEntry(240_000, new WaitAction(30_000)), t[21]);
        Assert.Equal(40_000, scenario.Spec.Timings.NodeMonitorGracePeriodMs);
        Assert.Equal(60_000, scenario.Spec.Timings.TolerationSecondsMs);
    }

    [Fact]
    public void ReadinessProbesAndImagePullPolicyAreReadWithKubernetesDefaults()
    {
        var (scenario, problems) = Parse("""
            cluster:
              nodes: 2
              workloads:
                - { kind: Deployment, name: web, readinessProbe: { type: http } }
                - { kind: Deployment, name: api, readinessProbe: { type: exec, period: 5s, failureThreshold: 2 }, imagePullPolicy: Always }
                - { kind: Deployment, name: db }
            duration: 5m
            """);

        Assert.Empty(problems);
        var workloads = scenario!.Spec.Cluster.Workloads;
        Assert.Equal(new ReadinessProbeSpec { Type = ProbeType.Http, PeriodMs = 10_000, FailureThreshold = 3 }, workloads[0].Readiness);
        Assert.Equal(ImagePullPolicy.IfNotPresent, workloads[0].ImagePullPolicy);
        Assert.Equal(new ReadinessProbeSpec { Type = ProbeType.Exec, PeriodMs = 5_000, FailureThreshold = 2 }, workloads[1].Readiness);
        Assert.Equal(ImagePullPolicy.Always, workloads[1].ImagePullPolicy);
        Assert.Null(workloads[2].Readiness);
    }

    [Fact]
    public void ABadProbeTypePeriodOrPullPolicyIsReportedWhereItIsWritten()
    {
        var (_, problems) = Parse("""
            cluster:
              nodes: 2
              workloads:
                - { kind: Deployment, name: web, readinessProbe: { type: htp } }
                - { kind: Deployment, name: api, readinessProbe: { type: tcp, period: 0s } }
                - { kind: Deployment, name: db, imagePullPolicy: Never }
            duration: 5m
            """);

        Assert.Equal(
            [
                "inline.md:10:62: unknown probe type 'htp'; did you mean 'http'?",
                "inline.md:11:75: a probe's period is 1s to 5m (Kubernetes' default is 10s)",
                "inline.md:12:54: imagePullPolicy 'Never' is not modelled (a node without the image would fail with ErrImageNeverPull); use IfNotPresent or Always",
            ],
            problems);
    }

    [Fact]
    public void ModeCrashIsDownSaidExplicitly()
    {
        var (scenario, problems) = Parse("""
            cluster:
              nodes: 2
              schedulers: 2
            timeline:
              - { at: 1m, fault: { component: kube-scheduler, replica: leader, mode: crash } }
            duration: 5m
            """);

        Assert.Empty(problems);
        var fault = Assert.IsType<ComponentFault>(Assert.IsType<FaultEntry>(scenario!.Spec.Timeline[0]).Fault);
        Assert.Equal((Component.KubeScheduler, FaultMode.Down, "leader"), (fault.Component, fault.Mode, fault.Replica));
    }

    [Fact]
    public void ApplyTakesAWorkloadThatProbesMayNameAndRefusesAStaticPod()
    {
        var (scenario, problems) = Parse("""
            cluster:
              nodes: 2
              workloads:
                - { kind: Deployment, name: web }
            timeline:
              - { at: 1m, action: { do: apply, workload: { kind: Deployment, name: api, replicas: 2, service: api, traffic: 10 } } }
            duration: 5m
            """);

        Assert.Empty(problems);
        var apply = Assert.IsType<ApplyAction>(Assert.IsType<ActionEntry>(scenario!.Spec.Timeline[0]).Action);
        Assert.Equal(("api", 2, "api", 10), (apply.Workload.Name, apply.Workload.Replicas, apply.Workload.Service, apply.Workload.Traffic));

        var (_, refused) = Parse("""
            cluster:
              nodes: 2
            timeline:
              - { at: 1m, action: { do: apply, workload: { kind: StaticPod, name: agent, node: node-1 } } }
              - { at: 2m, action: { do: apply, workload: { kind: Deployment, name: web } } }
              - { at: 3m, action: { do: apply, workload: { kind: Deployment, name: web } } }
            duration: 5m
            """);
        Assert.Equal(
            [
                "inline.md:10:54: a StaticPod is a file on its node, not an API object: apply takes a Deployment, StatefulSet or DaemonSet",
                "inline.md:12:72: duplicate workload name 'web'",
            ],
            refused);
    }

    [Fact]
    public void ControlPlaneComponentsTakeNoNodeAndRestoreNeedsASnapshot()
    {
        var (_, problems) = Parse("""
            cluster:
              nodes: 2
            timeline:
              - { at: 1m, fault: { component: kube-apiserver, node: node-1 } }
              - { at: 2m, action: { do: restore-etcd } }
            duration: 5m
            """);

        Assert.Equal(
            [
                "inline.md:10:51: kube-apiserver is a control-plane component and takes no 'node'",
                "inline.md:11:29: restore-etcd needs an etcd snapshot: add 'snapshot: <time>' to the cluster section",
            ],
            problems);
    }

    [Fact]
    public void ProbeErrorsInBlockScalarsPointIntoTheBlock()
    {
        var (_, problems) = Fixture.Inline(Header + """

            cluster:
              nodes: 2
            duration: 3m
            questions:
              - id: q
                kind: multi
                prompt: Which hold?
                options:
                  - id: api
                    text: The API answers
                    probe: >-
                      api.available at 1m and
                      pods(nope) == 1 at 2m
            ---
            Explanation.
            """);

        var problem = Assert.Single(problems);
        Assert.StartsWith("inline.md:19:16: ", problem);
        Assert.Contains("nope", problem);
    }

    [Fact]
    public void AReplicaFaultHitsTheLeaderOrOneNumberedReplica()
    {
        var (scenario, problems) = Parse("""
            cluster:
              schedulers: 2
              nodes: 1
            timeline:
              - { at: 1m, fault: { component: kube-scheduler, replica: leader } }
              - { at: 1m, fault: { component: kube-scheduler, replica: 2 } }
            duration: 5m
            """);

        Assert.Empty(problems);
        Assert.Equal(["leader", "2"], scenario!.Spec.Timeline.Cast<FaultEntry>().Select(f => ((ComponentFault)f.Fault).Replica));
    }

    [Fact]
    public void AReplicaBeyondTheCountOrOnANodeComponentIsAnError()
    {
        var (_, problems) = Parse("""
            cluster:
              nodes: 1
            timeline:
              - { at: 1m, fault: { component: kube-scheduler, replica: 3 } }
              - { at: 1m, fault: { component: kubelet, replica: leader } }
            duration: 5m
            """);

        Assert.Equal(
            [
                "inline.md:10:60: 'replica' must be 'leader' or a replica number 1..1 of kube-scheduler, not '3'",
                "inline.md:11:44: kubelet runs on every node: name one with 'node', not 'replica'",
            ],
            problems);
    }

    [Fact]
    public void InvalidYamlIsReportedAtItsPositionWithAHint()
    {
        var (_, problems) = Fixture.Inline("---\nid: x\ntitle: Down: what now?\n---\nText.\n");

        var problem = Assert.Single(problems);
        Assert.StartsWith("inline.md:3:", problem);
        Assert.Contains("this is not valid YAML", problem);
        Assert.Contains("must be quoted", problem);
    }
}
