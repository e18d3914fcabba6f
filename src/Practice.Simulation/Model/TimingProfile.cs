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
    public long NodeLeaseDurationMs { get; init; } = 40_000;
    public long NodeLeaseRenewIntervalMs { get; init; } = 10_000;
    public long NodeStatusUpdateMs { get; init; } = 10_000;
    public long NodeMonitorPeriodMs { get; init; } = 5_000;

    /// <summary>50 s from v1.32 (kubernetes PR #126287), 40 s before.</summary>
    public long NodeMonitorGracePeriodMs { get; init; } = 50_000;

    /// <summary>DefaultTolerationSeconds for not-ready/unreachable NoExecute taints.</summary>
    public long TolerationSecondsMs { get; init; } = 300_000;

    public long LeaderLeaseDurationMs { get; init; } = 15_000;
    public long LeaderRenewDeadlineMs { get; init; } = 10_000;
    public long LeaderRetryPeriodMs { get; init; } = 2_000;
    public long EtcdHeartbeatMs { get; init; } = 100;
    public long EtcdElectionTimeoutMs { get; init; } = 1_000;
    public long CrashLoopInitialBackoffMs { get; init; } = 10_000;
    public long CrashLoopMaxBackoffMs { get; init; } = 300_000;
    public long CrashLoopResetMs { get; init; } = 600_000;
    public long ProxySyncPeriodMs { get; init; } = 30_000;
    public long ProxyMinSyncPeriodMs { get; init; } = 1_000;
    public long ProbePeriodMs { get; init; } = 10_000;
    public int ProbeFailureThreshold { get; init; } = 3;

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
        ProxySyncPeriodMs = o.ProxySyncPeriodMs ?? ProxySyncPeriodMs,
    };
}

/// <summary>Per-scenario timing overrides (<c>timings:</c> in a scenario file); null keeps the profile's value.</summary>
public sealed record TimingOverrides
{
    public long? NodeLeaseDurationMs { get; init; }
    public long? NodeMonitorGracePeriodMs { get; init; }
    public long? TolerationSecondsMs { get; init; }
    public long? LeaderLeaseDurationMs { get; init; }
    public long? EtcdElectionTimeoutMs { get; init; }
    public long? CrashLoopInitialBackoffMs { get; init; }
    public long? CrashLoopMaxBackoffMs { get; init; }
    public long? ProxySyncPeriodMs { get; init; }
}
