namespace Practice.Simulation.Components;

/// <summary>
/// Lease-based leader election among the replicas of one control-plane component
/// (lease duration 15 s, renew deadline 10 s, retry period 2 s by default).
/// </summary>
/// <remarks>
/// The leader renews the Lease through the API every retry period; if it cannot for the renew
/// deadline it stops leading (the real process exits and restarts). A candidate takes the lease only
/// once it has not been renewed for the lease duration, so a killed leader is replaced within lease
/// duration + retry period. Every write needs a writable API, so an apiserver outage costs the
/// component its leadership after 10 s, and leadership is won back after the API returns.
/// </remarks>
internal sealed class LeaderElector
{
    private readonly Engine engine;
    private readonly string component;
    private readonly Action onStartedLeading;
    private bool[] up = [];
    private long leaseRenewedAt;
    private bool leaseHeld;

    public LeaderElector(Engine engine, string component, Action onStartedLeading)
    {
        this.engine = engine;
        this.component = component;
        this.onStartedLeading = onStartedLeading;
    }

    public int Leader { get; private set; } = -1;
    public bool Leading => Leader >= 0;
    public long LeaderSinceMs { get; private set; }
    public int Replicas => up.Length;
    public long SlowMs { get; set; }

    public string ReplicaName(int i) => $"{component}-{i + 1}";

    public bool ReplicaUp(int i) => up[i];

    public void Start(int replicas)
    {
        up = Enumerable.Repeat(true, Math.Max(1, replicas)).ToArray();
        // The first election runs as an event at 0 s, after any fault the timeline puts at 0 s.
        engine.After(0, () =>
        {
            var first = Array.IndexOf(up, true);
            if (first >= 0 && engine.Api.Writable)
            {
                Acquire(first, "first replica to start");
            }
            engine.After(engine.Timings.LeaderRetryPeriodMs, Tick);
        });
    }

    public void SetReplica(int i, bool isUp, string why)
    {
        if (i < 0 || i >= up.Length || up[i] == isUp)
        {
            return;
        }
        up[i] = isUp;
        if (!isUp && Leader == i)
        {
            // The lease stays held by the dead identity until it expires.
            Leader = -1;
            engine.Log(component, TraceEventKinds.LeaderLost, component, $"leader {ReplicaName(i)} stopped ({why}); its lease expires {Format.Duration(engine.Timings.LeaderLeaseDurationMs)} after its last renewal");
        }
    }

    private void Tick()
    {
        var t = engine.Timings;
        var writable = engine.Api.Writable;
        if (Leader >= 0)
        {
            if (writable)
            {
                leaseRenewedAt = engine.Now;
            }
            else if (engine.Now - leaseRenewedAt >= t.LeaderRenewDeadlineMs)
            {
                engine.Log(component, TraceEventKinds.LeaderLost, component,
                    $"{ReplicaName(Leader)} could not renew its lease for {Format.Duration(engine.Now - leaseRenewedAt)} (renew deadline {Format.Duration(t.LeaderRenewDeadlineMs)}); it stops leading");
                Leader = -1;
            }
        }
        if (Leader < 0 && writable && (!leaseHeld || engine.Now - leaseRenewedAt >= t.LeaderLeaseDurationMs))
        {
            var candidates = 0;
            for (var i = 0; i < up.Length; i++)
            {
                if (up[i])
                {
                    candidates++;
                }
            }
            if (candidates > 0)
            {
                // Whichever candidate retries first wins; the seed decides.
                var pick = (int)engine.Random.Next(candidates);
                for (var i = 0; i < up.Length; i++)
                {
                    if (up[i] && pick-- == 0)
                    {
                        Acquire(i, leaseHeld ? $"the previous lease expired ({Format.Duration(engine.Now - leaseRenewedAt)} without renewal)" : "no lease was held");
                        break;
                    }
                }
            }
        }
        engine.After(t.LeaderRetryPeriodMs, Tick);
    }

    private void Acquire(int replica, string why)
    {
        Leader = replica;
        leaseHeld = true;
        leaseRenewedAt = engine.Now;
        LeaderSinceMs = engine.Now;
        engine.Log(component, TraceEventKinds.LeaderElected, component, $"{ReplicaName(replica)} acquired the leader lease: {why}");
        onStartedLeading();
    }
}
