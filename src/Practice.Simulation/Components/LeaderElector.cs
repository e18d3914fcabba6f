using Practice.Simulation.Kernel;

namespace Practice.Simulation.Components;

/// <summary>
/// Lease-based leader election among the replicas of one control-plane component, as client-go's
/// tools/leaderelection does it (lease duration 15 s, renew deadline 10 s, retry period 2 s).
/// </summary>
/// <remarks>
/// <para>Each replica that does not lead tries to acquire the Lease at start and then every retry
/// period stretched by a random jitter of up to 1.2 × (wait.JitterUntil with JitterFactor 1.2), so
/// every 2–4.4 s. It judges the Lease by its <b>own</b> clock: it remembers when it last saw the
/// record change (observedTime) and may take a record that names a holder only once it has not
/// changed for a lease duration since then. A freshly started replica has seen nothing yet, so it
/// waits a full lease duration even if the holder died long ago. A record without a holder (a
/// leader that stopped gracefully released it: ReleaseOnCancel) is taken at the next try.</para>
/// <para>The leader renews every retry period; if it cannot write for the renew deadline it stops
/// leading (the real process exits and starts again as a candidate). A crash releases nothing. Every
/// read needs the API and every write a writable API, so an apiserver outage costs the component its
/// leadership after 10 s, and it is won back at the first try after the API returns. A call to the
/// Lease slower than the renew deadline (a very slow apiserver or etcd) never completes in time, so
/// no replica can keep or take the lease while the control plane is that slow.</para>
/// <para>The jitter comes from a random stream of the elector's own, seeded from the scenario's seed
/// and the component, so the rest of the run does not shift when elections change.</para>
/// </remarks>
internal sealed class LeaderElector
{
    /// <summary>client-go leaderelection.JitterFactor.</summary>
    private const double JitterFactor = 1.2;

    private readonly Engine engine;
    private readonly string component;
    private readonly Action onStartedLeading;
    private readonly SeededRandom random;
    private Replica[] replicas = [];

    // The Lease object in the API: its holder (-1 for none) and a version that changes with every
    // write (0: never written).
    private int holder = -1;
    private long version;
    private long lastRenewed;

    public LeaderElector(Engine engine, string component, Action onStartedLeading)
    {
        this.engine = engine;
        this.component = component;
        this.onStartedLeading = onStartedLeading;
        var salt = 17;
        foreach (var c in component)
        {
            salt = unchecked(salt * 31 + c);
        }
        random = new SeededRandom(unchecked(engine.Spec.Seed * 7919 + salt));
    }

    /// <summary>The acting leader (-1 for none); every change is recorded for <c>leader(component)</c>.</summary>
    public int Leader
    {
        get => leader;
        private set
        {
            leader = value;
            engine.Recorder.SetGlobal(TraceRecorder.LeaderOf(component), value + 1);
        }
    }

    private int leader = -1;
    public bool Leading => Leader >= 0;
    public long LeaderSinceMs { get; private set; }
    public int Replicas => replicas.Length;
    public long SlowMs { get; set; }

    /// <summary>The replica the Lease names, acting or not (-1 when none or released).</summary>
    public int Holder => holder;

    public string ReplicaName(int i) => $"{component}-{i + 1}";

    /// <summary>The component whose replicas compete (<c>kube-scheduler</c>, ...): its Lease's name.</summary>
    public string Component => component;

    /// <summary>When the lease was last renewed by its holder.</summary>
    public long LastRenewedMs => lastRenewed;

    public bool ReplicaUp(int i) => replicas[i].Up;

    public void Start(int count)
    {
        replicas = Enumerable.Range(0, Math.Max(1, count)).Select(_ => new Replica { Up = true }).ToArray();
        // The first election runs as an event at 0 s, after any fault the timeline puts at 0 s.
        engine.After(0, () =>
        {
            var first = Array.FindIndex(replicas, r => r.Up);
            if (first >= 0 && engine.Api.Writable)
            {
                Acquire(first, "first replica to start");
            }
            for (var i = 0; i < replicas.Length; i++)
            {
                if (replicas[i].Up && i != Leader)
                {
                    // The standbys have been watching the record.
                    replicas[i].ObservedVersion = version;
                    replicas[i].ObservedAt = engine.Now;
                    var (replica, loop) = (i, ++replicas[i].Loop);
                    engine.After(Jitter(), () => TryAcquire(replica, loop));
                }
            }
        });
    }

    /// <summary>
    /// A replica's process stops or starts. <paramref name="release"/>: it stops gracefully and, if
    /// it leads, releases the Lease (ReleaseOnCancel) so a standby can take it at once.
    /// </summary>
    public void SetReplica(int i, bool isUp, string why, bool release = false)
    {
        if (i < 0 || i >= replicas.Length || replicas[i].Up == isUp)
        {
            return;
        }
        var r = replicas[i];
        r.Up = isUp;
        r.Loop++;
        if (!isUp)
        {
            if (Leader == i)
            {
                Leader = -1;
                if (release && engine.Api.Writable)
                {
                    holder = -1;
                    version++;
                    engine.Log(component, TraceEventKinds.LeaderLost, component, $"leader {ReplicaName(i)} stopped ({why}) and released its lease");
                }
                else
                {
                    engine.Log(component, TraceEventKinds.LeaderLost, component,
                        $"leader {ReplicaName(i)} stopped ({why}) without releasing its lease; the others take it once it has not changed for {Format.Duration(engine.Timings.LeaderLeaseDurationMs)} as they see it");
                }
            }
            return;
        }
        // A fresh process has seen no record yet.
        r.ObservedVersion = -1;
        TryAcquire(i, r.Loop);
    }

    /// <summary>One call to the Lease: the API's latency (slow apiserver or etcd) and the component's own slowness.</summary>
    private long CallMs => engine.Api.Latency + SlowMs;

    /// <summary>client-go's jittered retry: the period plus up to 1.2 × the period.</summary>
    private long Jitter()
    {
        var period = engine.Timings.LeaderRetryPeriodMs;
        return period + random.Next((long)(period * JitterFactor) + 1);
    }

    private void TryAcquire(int i, int loop)
    {
        var r = replicas[i];
        if (r.Loop != loop || !r.Up)
        {
            return;
        }
        if (engine.Api.Available)
        {
            if (r.ObservedVersion != version)
            {
                r.ObservedVersion = version;
                r.ObservedAt = engine.Now;
            }
            var lease = engine.Timings.LeaderLeaseDurationMs;
            // A lease won with a call slower than the renew deadline could never be renewed: the
            // model counts such a try as failed rather than as a leader that acts for one call.
            if ((holder < 0 || engine.Now >= r.ObservedAt + lease) && engine.Api.Writable && CallMs < engine.Timings.LeaderRenewDeadlineMs)
            {
                Acquire(i, holder < 0
                    ? version > 0 ? "the lease was released" : "no lease was held"
                    : $"the lease had not changed for {Format.Duration(engine.Now - r.ObservedAt)} as this replica saw it (lease duration {Format.Duration(lease)})");
                return;
            }
        }
        engine.After(Jitter(), () => TryAcquire(i, loop));
    }

    private void Acquire(int i, string why)
    {
        holder = i;
        version++;
        Leader = i;
        LeaderSinceMs = engine.Now;
        lastRenewed = engine.Now;
        var r = replicas[i];
        r.ObservedVersion = version;
        r.ObservedAt = engine.Now;
        engine.Log(component, TraceEventKinds.LeaderElected, component, $"{ReplicaName(i)} acquired the leader lease: {why}");
        onStartedLeading();
        var loop = ++r.Loop;
        engine.After(engine.Timings.LeaderRetryPeriodMs, () => Renew(i, loop));
    }

    /// <summary>The leader's renew loop: every retry period (no jitter), giving up after the renew deadline.</summary>
    private void Renew(int i, int loop)
    {
        var r = replicas[i];
        if (r.Loop != loop || !r.Up || Leader != i)
        {
            return;
        }
        var t = engine.Timings;
        // leaderelection.go renew(): each renewal runs under a context that ends at the renew
        // deadline, so a call slower than that never completes.
        if (engine.Api.Writable && CallMs < t.LeaderRenewDeadlineMs)
        {
            version++;
            lastRenewed = engine.Now;
        }
        else if (engine.Now - lastRenewed >= t.LeaderRenewDeadlineMs)
        {
            engine.Log(component, TraceEventKinds.LeaderLost, component,
                $"{ReplicaName(i)} could not renew its lease for {Format.Duration(engine.Now - lastRenewed)} (renew deadline {Format.Duration(t.LeaderRenewDeadlineMs)}); it stops leading");
            Leader = -1;
            // The process exits and starts again: a candidate that has seen nothing yet.
            r.ObservedVersion = -1;
            var again = ++r.Loop;
            engine.After(Jitter(), () => TryAcquire(i, again));
            return;
        }
        engine.After(t.LeaderRetryPeriodMs, () => Renew(i, loop));
    }

    private sealed class Replica
    {
        public bool Up;
        public int Loop;
        public long ObservedVersion = -1;
        public long ObservedAt;
    }
}
