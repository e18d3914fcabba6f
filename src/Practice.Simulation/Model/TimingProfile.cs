namespace Practice.Simulation.Model;

/// <summary>
/// Default timings of one Kubernetes version, in virtual milliseconds. Sources are in
/// ../shared/k8s-facts.md; every value can be overridden per scenario.
/// </summary>
public sealed record TimingProfile
{
    public const string DefaultVersion = "1.34";

    public static IReadOnlyList<string> KnownVersions { get; } = ["1.34", "1.31"];

    public required string Version { get; init; }
    /// <summary>The node Lease's duration; the kubelet renews it every quarter of it (nodeLeaseRenewIntervalFraction 0.25, pkg/kubelet/kubelet.go).</summary>
    public long NodeLeaseDurationMs { get; init; } = 40_000;
    public long NodeLeaseRenewIntervalMs { get; init; } = 10_000;
    public long NodeMonitorPeriodMs { get; init; } = 5_000;

    /// <summary>50 s from v1.32 (kubernetes PR #126287), 40 s before.</summary>
    public long NodeMonitorGracePeriodMs { get; init; } = 50_000;

    /// <summary>DefaultTolerationSeconds for not-ready/unreachable NoExecute taints.</summary>
    public long TolerationSecondsMs { get; init; } = 300_000;

    public long LeaderLeaseDurationMs { get; init; } = 15_000;
    public long LeaderRenewDeadlineMs { get; init; } = 10_000;
    public long LeaderRetryPeriodMs { get; init; } = 2_000;
    public long EtcdElectionTimeoutMs { get; init; } = 1_000;
    public long CrashLoopInitialBackoffMs { get; init; } = 10_000;
    public long CrashLoopMaxBackoffMs { get; init; } = 300_000;
    public long CrashLoopResetMs { get; init; } = 600_000;
    public long ProxyMinSyncPeriodMs { get; init; } = 1_000;

    // Engine timings beyond the upstream defaults above: latencies of one step of the model.
    // They are not Kubernetes flags but measured orders of magnitude; scenarios can override them.

    /// <summary>One apiserver round trip (write, or watch delivery to a client).</summary>
    public long ApiLatencyMs { get; init; } = 20;

    /// <summary>Bindings per second the scheduler can post (client QPS bound; about 100 on big clusters).</summary>
    public int SchedulerPodsPerSecond { get; init; } = 100;

    public long PodSandboxMs { get; init; } = 500;
    public long ImagePullMs { get; init; } = 2_000;

    /// <summary>Image pull back-off: 10 s doubling to 300 s (pkg/kubelet/kubelet.go imageBackOffPeriod, MaxImageBackOff).</summary>
    public long ImagePullInitialBackoffMs { get; init; } = 10_000;
    public long ImagePullMaxBackoffMs { get; init; } = 300_000;

    /// <summary>Volume mount back-off: 500 ms doubling to 2 min 2 s (exponentialbackoff).</summary>
    public long VolumeMountInitialBackoffMs { get; init; } = 500;
    public long VolumeMountMaxBackoffMs { get; init; } = 122_000;

    /// <summary>A pod sync that failed (sandbox, runtime, disk) is retried after this (pod_workers.go backOffPeriod, jitter left out).</summary>
    public long PodSyncRetryMs { get; init; } = 10_000;
    public long ContainerStartMs { get; init; } = 300;

    /// <summary>How long the app takes to exit after SIGTERM (well inside the 30 s grace period).</summary>
    public long PodGracefulStopMs { get; init; } = 1_000;

    /// <summary>How long a client (informer, kubelet) takes to re-establish its watch once the apiserver answers again.</summary>
    public long ClientReconnectMs { get; init; } = 1_000;

    public long LeaseRetryInitialMs { get; init; } = 200;
    public long LeaseRetryMaxMs { get; init; } = 7_000;
    public long PodGcPeriodMs { get; init; } = 20_000;
    public long PodGcQuarantineMs { get; init; } = 40_000;
    public long CloudNodeMonitorPeriodMs { get; init; } = 5_000;

    /// <summary>--node-eviction-rate 0.1 nodes/s: one NoExecute taint per zone per 10 s.</summary>
    public long NodeEvictionIntervalMs { get; init; } = 10_000;

    /// <summary>--secondary-node-eviction-rate 0.01 nodes/s, for a large zone in partial disruption.</summary>
    public long SecondaryNodeEvictionIntervalMs { get; init; } = 100_000;

    public double UnhealthyZoneThreshold { get; init; } = 0.55;
    public int LargeClusterSizeThreshold { get; init; } = 50;

    /// <summary>How often the node lifecycle controller drains its NoExecute tainting queue.</summary>
    public long NoExecuteTaintPassMs { get; init; } = 100;

    /// <summary>A control-plane process or per-node daemon coming back after a restart.</summary>
    public long ComponentRestartMs { get; init; } = 2_000;
    public long ApiserverRestartMs { get; init; } = 5_000;
    public long EtcdRestoreMs { get; init; } = 10_000;

    /// <summary>A returning kube-proxy's full rule rewrite, per thousand endpoints (a model figure: iptables mode on a busy node).</summary>
    public long ProxyFullSyncPerThousandEndpointsMs { get; init; } = 500;

    /// <summary>What a restore takes beyond <see cref="EtcdRestoreMs"/> per thousand objects in the snapshot (a model figure, not a Kubernetes one).</summary>
    public long EtcdRestorePerThousandObjectsMs { get; init; } = 1_000;

    /// <summary>A machine powering on (or a new VM) until its kubelet runs.</summary>
    public long NodeBootMs { get; init; } = 30_000;

    public static TimingProfile For(string version) => version switch
    {
        "1.34" => new TimingProfile { Version = "1.34" },
        "1.31" => new TimingProfile { Version = "1.31", NodeMonitorGracePeriodMs = 40_000 },
        _ => throw new ArgumentException($"unknown Kubernetes timing profile '{version}'; known: {string.Join(", ", KnownVersions)}", nameof(version)),
    };

    public TimingProfile With(TimingOverrides o) => this with
    {
        NodeLeaseDurationMs = o.NodeLeaseDurationMs ?? NodeLeaseDurationMs,
        NodeMonitorGracePeriodMs = o.NodeMonitorGracePeriodMs ?? NodeMonitorGracePeriodMs,
        TolerationSecondsMs = o.TolerationSecondsMs ?? TolerationSecondsMs,
        LeaderLeaseDurationMs = o.LeaderLeaseDurationMs ?? LeaderLeaseDurationMs,
        EtcdElectionTimeoutMs = o.EtcdElectionTimeoutMs ?? EtcdElectionTimeoutMs,
        CrashLoopInitialBackoffMs = o.CrashLoopInitialBackoffMs ?? CrashLoopInitialBackoffMs,
        CrashLoopMaxBackoffMs = o.CrashLoopMaxBackoffMs ?? CrashLoopMaxBackoffMs,
        SchedulerPodsPerSecond = o.SchedulerPodsPerSecond ?? SchedulerPodsPerSecond,
        ImagePullMs = o.ImagePullMs ?? ImagePullMs,
        NodeEvictionIntervalMs = o.NodeEvictionIntervalMs ?? NodeEvictionIntervalMs,
        NodeLeaseRenewIntervalMs = o.NodeLeaseRenewIntervalMs ?? (o.NodeLeaseDurationMs is { } lease ? lease / 4 : NodeLeaseRenewIntervalMs),
        NodeMonitorPeriodMs = o.NodeMonitorPeriodMs ?? NodeMonitorPeriodMs,
        LeaderRenewDeadlineMs = o.LeaderRenewDeadlineMs ?? LeaderRenewDeadlineMs,
        LeaderRetryPeriodMs = o.LeaderRetryPeriodMs ?? LeaderRetryPeriodMs,
        CrashLoopResetMs = o.CrashLoopResetMs ?? CrashLoopResetMs,
        ProxyMinSyncPeriodMs = o.ProxyMinSyncPeriodMs ?? ProxyMinSyncPeriodMs,
        ApiLatencyMs = o.ApiLatencyMs ?? ApiLatencyMs,
        PodSandboxMs = o.PodSandboxMs ?? PodSandboxMs,
        ContainerStartMs = o.ContainerStartMs ?? ContainerStartMs,
        PodGracefulStopMs = o.PodGracefulStopMs ?? PodGracefulStopMs,
        ClientReconnectMs = o.ClientReconnectMs ?? ClientReconnectMs,
        LeaseRetryInitialMs = o.LeaseRetryInitialMs ?? LeaseRetryInitialMs,
        LeaseRetryMaxMs = o.LeaseRetryMaxMs ?? LeaseRetryMaxMs,
        PodGcPeriodMs = o.PodGcPeriodMs ?? PodGcPeriodMs,
        PodGcQuarantineMs = o.PodGcQuarantineMs ?? PodGcQuarantineMs,
        CloudNodeMonitorPeriodMs = o.CloudNodeMonitorPeriodMs ?? CloudNodeMonitorPeriodMs,
        SecondaryNodeEvictionIntervalMs = o.SecondaryNodeEvictionIntervalMs ?? SecondaryNodeEvictionIntervalMs,
        UnhealthyZoneThreshold = o.UnhealthyZoneThreshold ?? UnhealthyZoneThreshold,
        LargeClusterSizeThreshold = o.LargeClusterSizeThreshold ?? LargeClusterSizeThreshold,
        NoExecuteTaintPassMs = o.NoExecuteTaintPassMs ?? NoExecuteTaintPassMs,
        ComponentRestartMs = o.ComponentRestartMs ?? ComponentRestartMs,
        ApiserverRestartMs = o.ApiserverRestartMs ?? ApiserverRestartMs,
        EtcdRestoreMs = o.EtcdRestoreMs ?? EtcdRestoreMs,
        NodeBootMs = o.NodeBootMs ?? NodeBootMs,
    };
}

/// <summary>Per-scenario timing overrides (<c>timings:</c> in a scenario file); null keeps the profile's value.</summary>
// Every TimingProfile value can be overridden; the engine-step latencies (ApiLatencyMs and below) included.
public sealed record TimingOverrides
{
    public long? NodeLeaseDurationMs { get; init; }
    public long? NodeMonitorGracePeriodMs { get; init; }
    public long? TolerationSecondsMs { get; init; }
    public long? LeaderLeaseDurationMs { get; init; }
    public long? EtcdElectionTimeoutMs { get; init; }
    public long? CrashLoopInitialBackoffMs { get; init; }
    public long? CrashLoopMaxBackoffMs { get; init; }
    public int? SchedulerPodsPerSecond { get; init; }
    public long? ImagePullMs { get; init; }
    public long? NodeEvictionIntervalMs { get; init; }
    public long? NodeLeaseRenewIntervalMs { get; init; }
    public long? NodeMonitorPeriodMs { get; init; }
    public long? LeaderRenewDeadlineMs { get; init; }
    public long? LeaderRetryPeriodMs { get; init; }
    public long? CrashLoopResetMs { get; init; }
    public long? ProxyMinSyncPeriodMs { get; init; }
    public long? ApiLatencyMs { get; init; }
    public long? PodSandboxMs { get; init; }
    public long? ContainerStartMs { get; init; }
    public long? PodGracefulStopMs { get; init; }
    public long? ClientReconnectMs { get; init; }
    public long? LeaseRetryInitialMs { get; init; }
    public long? LeaseRetryMaxMs { get; init; }
    public long? PodGcPeriodMs { get; init; }
    public long? PodGcQuarantineMs { get; init; }
    public long? CloudNodeMonitorPeriodMs { get; init; }
    public long? SecondaryNodeEvictionIntervalMs { get; init; }
    public double? UnhealthyZoneThreshold { get; init; }
    public int? LargeClusterSizeThreshold { get; init; }
    public long? NoExecuteTaintPassMs { get; init; }
    public long? ComponentRestartMs { get; init; }
    public long? ApiserverRestartMs { get; init; }
    public long? EtcdRestoreMs { get; init; }
    public long? NodeBootMs { get; init; }
}
