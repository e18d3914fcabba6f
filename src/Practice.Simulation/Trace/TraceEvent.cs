namespace Practice.Simulation;

/// <summary>
/// One line of the event log: what a component did, when, to what, and why in plain words.
/// </summary>
/// <remarks>
/// For pod-level events the <see cref="Subject"/> is the workload ("web"), so order questions can
/// name <c>PodScheduled(web)</c>; the pod itself is named in <see cref="Reason"/>.
/// </remarks>
public sealed record TraceEvent(long AtMs, string Component, string Kind, string Subject, string Reason);

/// <summary>Event kinds the engine writes (scenario-format.md names first).</summary>
public static class TraceEventKinds
{
    public const string DeploymentCreated = nameof(DeploymentCreated);
    public const string StatefulSetCreated = nameof(StatefulSetCreated);
    public const string DaemonSetCreated = nameof(DaemonSetCreated);
    public const string ReplicaSetCreated = nameof(ReplicaSetCreated);
    public const string PodCreated = nameof(PodCreated);
    public const string PodScheduled = nameof(PodScheduled);
    public const string FailedScheduling = nameof(FailedScheduling);
    public const string ContainerStarted = nameof(ContainerStarted);
    public const string ContainerCreating = nameof(ContainerCreating);
    public const string ContainerCrashed = nameof(ContainerCrashed);
    public const string ContainerRestarted = nameof(ContainerRestarted);
    public const string ContainerKilled = nameof(ContainerKilled);
    public const string PodReady = nameof(PodReady);
    public const string PodNotReady = nameof(PodNotReady);
    public const string PodDeleted = nameof(PodDeleted);
    public const string PodEvicted = nameof(PodEvicted);
    public const string MirrorPodCreated = nameof(MirrorPodCreated);
    public const string EndpointAdded = nameof(EndpointAdded);
    public const string EndpointRemoved = nameof(EndpointRemoved);
    public const string RulesSynced = nameof(RulesSynced);
    public const string NodeRegistered = nameof(NodeRegistered);
    public const string NodeReady = nameof(NodeReady);
    public const string NodeNotReady = nameof(NodeNotReady);
    public const string NodeDeleted = nameof(NodeDeleted);
    public const string TaintAdded = nameof(TaintAdded);
    public const string TaintRemoved = nameof(TaintRemoved);
    public const string LeaderElected = nameof(LeaderElected);
    public const string LeaderLost = nameof(LeaderLost);
    public const string EtcdLeaderElected = nameof(EtcdLeaderElected);
    public const string EtcdLeaderLost = nameof(EtcdLeaderLost);
    public const string EtcdQuorumLost = nameof(EtcdQuorumLost);
    public const string EtcdQuorumRestored = nameof(EtcdQuorumRestored);
    public const string EtcdRestored = nameof(EtcdRestored);
    public const string ApiUnavailable = nameof(ApiUnavailable);
    public const string ApiAvailable = nameof(ApiAvailable);
    public const string FaultInjected = nameof(FaultInjected);
    public const string FaultRecovered = nameof(FaultRecovered);
    public const string ActionTaken = nameof(ActionTaken);
    public const string ActionFailed = nameof(ActionFailed);
    public const string ScaledWorkload = nameof(ScaledWorkload);
}

/// <summary>Log lines that are not about the cluster's behaviour, so order questions cannot name them.</summary>
internal static class LogOnlyEventKinds
{
    public const string EtcdSnapshot = nameof(EtcdSnapshot);

    /// <summary>An object the restore brought back (a pod deleted after the snapshot) or put back as it was (a cordon).</summary>
    public const string RestoredFromSnapshot = nameof(RestoredFromSnapshot);

    /// <summary>At the end of the log: how many events of one kind and subject were counted beyond the per-key cap.</summary>
    public const string EventsSuppressed = nameof(EventsSuppressed);
}
