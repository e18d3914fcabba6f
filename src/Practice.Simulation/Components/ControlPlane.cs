using Practice.Simulation.Model;

namespace Practice.Simulation.Components;

/// <summary>
/// etcd (Raft members, leader, quorum, corruption) and the kube-apiserver replicas behind their load
/// balancer: together they decide whether the API can be read (<see cref="Available"/>) and written
/// (<see cref="Writable"/>).
/// </summary>
/// <remarks>
/// The apiserver is available when at least one replica runs and etcd has quorum (a GET without
/// resourceVersion is a quorum read) and its data is intact; it is writable when, in addition, etcd has
/// a leader. A lost leader is replaced about one election timeout later (randomised within a tenth of
/// it, as Raft randomises), provided a majority is up.
/// </remarks>
internal sealed class ControlPlane
{
    private readonly Engine engine;
    private bool[] etcdUp = [];
    private bool[] apiserverUp = [];
    private long apiserverSlowMs;
    private long etcdSlowMs;
    private bool electionScheduled;
    private bool lastAvailable = true;
    private bool lastWritable = true;
    private bool lastQuorum = true;

    private readonly Kernel.SeededRandom etcdRandom;

    public ControlPlane(Engine engine)
    {
        this.engine = engine;
        etcdRandom = new Kernel.SeededRandom(unchecked(engine.Spec.Seed * 7919 + 0x65746364));
    }

    public int EtcdLeader { get; private set; } = -1;
    public bool EtcdCorrupt { get; private set; }
    public bool Available { get; private set; }
    public bool Writable { get; private set; }

    public int EtcdMembers => etcdUp.Length;
    public bool EtcdQuorum => UpMembers() >= etcdUp.Length / 2 + 1;

    /// <summary>Extra latency on every API call while the apiserver or etcd is slow.</summary>
    public long WriteDelayMs => apiserverSlowMs + etcdSlowMs;

    public static string MemberName(int i) => $"etcd-{i + 1}";
    public static string ApiserverName(int i) => $"kube-apiserver-{i + 1}";

    public void Start(int etcdMembers, int apiservers)
    {
        etcdUp = Enumerable.Repeat(true, Math.Max(1, etcdMembers)).ToArray();
        apiserverUp = Enumerable.Repeat(true, Math.Max(1, apiservers)).ToArray();
        EtcdLeader = 0;
        engine.Log("etcd", TraceEventKinds.EtcdLeaderElected, "etcd", $"{MemberName(0)} leads the {etcdUp.Length}-member cluster (term 1)");
        Refresh();
    }

    public bool MemberUp(int i) => etcdUp[i];

    public void SetMember(int i, bool up, string why)
    {
        if (i < 0 || i >= etcdUp.Length || etcdUp[i] == up)
        {
            return;
        }
        etcdUp[i] = up;
        if (!up && EtcdLeader == i)
        {
            EtcdLeader = -1;
            engine.Log("etcd", TraceEventKinds.EtcdLeaderLost, "etcd", $"leader {MemberName(i)} is gone ({why}); the first follower to reach its randomised election timeout ({Format.Duration(engine.Timings.EtcdElectionTimeoutMs)} to {Format.Duration(2 * engine.Timings.EtcdElectionTimeoutMs)}) campaigns");
        }
        if (!EtcdQuorum && EtcdLeader >= 0)
        {
            engine.Log("etcd", TraceEventKinds.EtcdLeaderLost, "etcd", $"{MemberName(EtcdLeader)} can no longer reach a majority and steps down");
            EtcdLeader = -1;
        }
        ScheduleElectionIfNeeded();
        Refresh();
    }

    public void SetAllMembers(bool up, string why)
    {
        for (var i = 0; i < etcdUp.Length; i++)
        {
            SetMember(i, up, why);
        }
    }

    public void SetCorrupt(bool corrupt)
    {
        EtcdCorrupt = corrupt;
        Refresh();
    }

    public void SetApiserver(int replica, bool up)
    {
        if (replica < 0 || replica >= apiserverUp.Length)
        {
            return;
        }
        apiserverUp[replica] = up;
        Refresh();
    }

    public int Apiservers => apiserverUp.Length;
    public bool ApiserverUp(int replica) => apiserverUp[replica];

    public void SetApiserverSlow(long ms)
    {
        apiserverSlowMs = ms;
    }

    public void SetEtcdSlow(long ms)
    {
        etcdSlowMs = ms;
    }

    private int UpMembers()
    {
        var n = 0;
        foreach (var up in etcdUp)
        {
            if (up)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// Raft as etcd runs it (raft.go, resetRandomizedElectionTimeout): each follower waits its own
    /// randomised election timeout, uniform in [1×, 2×) the configured one, counted from the last
    /// heartbeat it heard; the first to time out campaigns, with a pre-vote round before the real
    /// vote (two peer round trips), and wins with the votes of a majority. The draws come from a
    /// random stream of etcd's own, so the rest of the run does not shift.
    /// </summary>
    private void ScheduleElectionIfNeeded()
    {
        if (EtcdLeader >= 0 || electionScheduled || !EtcdQuorum)
        {
            return;
        }
        electionScheduled = true;
        var timeout = engine.Timings.EtcdElectionTimeoutMs;
        var first = -1;
        var wait = long.MaxValue;
        for (var i = 0; i < etcdUp.Length; i++)
        {
            if (!etcdUp[i])
            {
                continue;
            }
            var drawn = timeout + etcdRandom.Next(timeout);
            if (drawn < wait)
            {
                (first, wait) = (i, drawn);
            }
        }
        var campaign = 2 * EtcdPeerRoundTripMs;
        engine.After(wait + campaign, () =>
        {
            electionScheduled = false;
            if (EtcdLeader >= 0 || !EtcdQuorum || !etcdUp[first])
            {
                ScheduleElectionIfNeeded();
                return;
            }
            EtcdLeader = first;
            engine.Log("etcd", TraceEventKinds.EtcdLeaderElected, "etcd",
                $"{MemberName(first)} timed out first (after {Format.Duration(wait)}, drawn between 1× and 2× the {Format.Duration(timeout)} election timeout), won the pre-vote and the vote: {UpMembers()} of {etcdUp.Length} members up");
            Refresh();
        });
    }

    /// <summary>One message and its answer between etcd members on a healthy network.</summary>
    private const long EtcdPeerRoundTripMs = 5;

    /// <summary>Why the API does not answer when a replica runs but etcd has lost its majority.</summary>
    public const string NoQuorum = "etcd has no quorum";

    /// <summary>Why the API does not answer, in words; null while it does.</summary>
    public string? WhyUnavailable =>
        Available ? null
        : !apiserverUp.Any(u => u) ? "no kube-apiserver replica is running"
        : !EtcdQuorum ? NoQuorum
        : EtcdCorrupt ? "etcd data is corrupt"
        : "";

    /// <summary>Recomputes availability, records it, and tells every client when the API comes back.</summary>
    public void Refresh()
    {
        var anyApiserver = apiserverUp.Any(u => u);
        var quorum = EtcdQuorum;
        Available = anyApiserver && quorum && !EtcdCorrupt;
        Writable = Available && EtcdLeader >= 0;
        var r = engine.Recorder;
        r.SetGlobal(TraceRecorder.ApiAvailable, Available ? 1 : 0);
        r.SetGlobal(TraceRecorder.ApiWritable, Writable ? 1 : 0);
        r.SetGlobal(TraceRecorder.EtcdQuorum, quorum ? 1 : 0);
        r.SetGlobal(TraceRecorder.EtcdLeader, EtcdLeader >= 0 ? 1 : 0);
        r.SetGlobal(TraceRecorder.EtcdLeaderReplica, EtcdLeader + 1);
        if (quorum != lastQuorum)
        {
            engine.Log("etcd", quorum ? TraceEventKinds.EtcdQuorumRestored : TraceEventKinds.EtcdQuorumLost, "etcd",
                quorum ? $"{UpMembers()} of {etcdUp.Length} members are up: a majority again" : $"only {UpMembers()} of {etcdUp.Length} members are up; {etcdUp.Length / 2 + 1} are needed for quorum, so no writes and no consistent reads");
            lastQuorum = quorum;
        }
        if (Available != lastAvailable)
        {
            engine.Log("kube-apiserver", Available ? TraceEventKinds.ApiAvailable : TraceEventKinds.ApiUnavailable, "kube-apiserver",
                Available ? "the API answers again; clients re-establish their watches and relist" : $"the API does not answer: {WhyUnavailable}");
        }
        var becameAvailable = Available && !lastAvailable;
        var becameWritable = Writable && !lastWritable;
        var changed = Available != lastAvailable || Writable != lastWritable;
        lastAvailable = Available;
        lastWritable = Writable;
        if (changed)
        {
            engine.Api.OnControlPlaneChanged(becameAvailable, becameWritable);
        }
    }
}
