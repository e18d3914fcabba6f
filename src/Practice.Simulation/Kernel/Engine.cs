using Practice.Simulation.Actions;
using Practice.Simulation.Cluster;
using Practice.Simulation.Components;
using Practice.Simulation.Faults;
using Practice.Simulation.Model;

namespace Practice.Simulation;

/// <summary>
/// One run: the virtual clock, the event queue, the seeded random source, the cluster and its
/// components. <see cref="Run"/> is the whole loop: pop the earliest event, advance <see cref="Now"/>, run it.
/// </summary>
internal sealed class Engine
{
    private const int CancellationCheckEvery = 4096;

    private readonly Kernel.EventQueue queue = new();
    private readonly SimulationLimits limits;
    private readonly CancellationToken cancellationToken;
    private long processed;

    public Engine(ScenarioSpec spec, SimulationLimits limits, CancellationToken cancellationToken)
    {
        Spec = spec;
        this.limits = limits;
        this.cancellationToken = cancellationToken;
        Timings = TimingProfile.For(spec.KubernetesVersion).With(spec.Timings);
        Random = new Kernel.SeededRandom(spec.Seed);
        Recorder = new TraceRecorder(this);
        Cluster = new ClusterState();
        ControlPlane = new ControlPlane(this);
        Api = new Api(this);
        Scheduler = new Scheduler(this);
        ControllerManager = new ControllerManager(this);
        NodeLifecycle = new NodeLifecycleController(this);
        Cloud = new CloudControllerManager(this);
        Proxies = new KubeProxies(this);
        Traffic = new Traffic(this);
        Faults = new FaultInjector(this);
        Actions = new ActionRunner(this);
    }

    public ScenarioSpec Spec { get; }
    public TimingProfile Timings { get; }
    public Kernel.SeededRandom Random { get; }
    public TraceRecorder Recorder { get; }
    public ClusterState Cluster { get; }
    public ControlPlane ControlPlane { get; }
    public Api Api { get; }
    public Scheduler Scheduler { get; }
    public ControllerManager ControllerManager { get; }
    public NodeLifecycleController NodeLifecycle { get; }
    public CloudControllerManager Cloud { get; }
    public KubeProxies Proxies { get; }
    public Traffic Traffic { get; }
    public FaultInjector Faults { get; }
    public ActionRunner Actions { get; }

    /// <summary>Virtual time in milliseconds.</summary>
    public long Now { get; private set; }

    /// <summary>Schedules work at an absolute virtual time; anything past the end of the run is dropped.</summary>
    public void At(long atMs, Action callback)
    {
        if (atMs <= Spec.DurationMs)
        {
            queue.Push(Math.Max(atMs, Now), callback);
        }
    }

    public void After(long delayMs, Action callback) => At(Now + delayMs, callback);

    /// <summary>Logs an event; callers test <see cref="Logs"/> first when the reason is costly to format.</summary>
    public void Log(string component, string kind, string subject, string reason)
    {
        if (Recorder.Admits(kind, subject))
        {
            Recorder.Event(component, kind, subject, reason);
        }
    }

    public bool Logs(string kind, string subject) => Recorder.Admits(kind, subject);

    public Trace Run()
    {
        Bootstrap.Build(this);
        while (queue.Count > 0)
        {
            var callback = queue.Pop(out var time);
            Now = time;
            callback();
            processed++;
            if (processed % CancellationCheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (processed > limits.MaxEvents)
            {
                throw new SimulationLimitException(
                    $"scenario '{Spec.Id}' needed more than {Format.Number(limits.MaxEvents)} simulation events (reached at {Format.Duration(Now)} of virtual time); the limit is SimulationLimits.MaxEvents = {Format.Number(limits.MaxEvents)}");
            }
        }
        Now = Spec.DurationMs;
        return Recorder.Build(processed, Proxies.SnapshotCounts());
    }
}
