using Practice.Simulation.Probes;
using Practice.Simulation.Probes.Language;

namespace Practice.Simulation.Tests.Probes;

/// <summary>
/// Every form of the probe language in scenario-format.md, parsed and evaluated against one
/// known incident: the apiserver is down 2:00–6:00, node-3 loses power at 2:00 and its pods
/// run elsewhere from 7:12, node-2 is cordoned at 3:00, a crashing container restarts.
/// </summary>
public sealed class ProbeFormsTests
{
    private static FakeProbeSource Incident() =>
        new FakeProbeSource(At.M(10))
            .WithWorkloads("web")
            .WithServices("web")
            .WithNodes("node-1", "node-2", "node-3")
            .With("pods(web)", (0, 6))
            .With("pods(web, Running)", (0, 6))
            .With("pods(web, Pending)", (0, 0), (At.M(4), 2), (At.M(6, 30), 0))
            .With("pods(web, Running, node != node-3)", (0, 4), (At.M(7, 12), 6))
            .With("pods(web, node = node-3)", (0, 2), (At.M(7, 12), 0))
            .With("containers(web)", (0, 6), (At.M(2), 4), (At.M(7, 12), 6))
            .With("containers(web, node = node-3)", (0, 2), (At.M(2), 0))
            .With("endpoints(web)", (0, 6), (At.M(2, 40), 4), (At.M(7, 12), 6))
            .With("rules(web, node = node-2)", (0, 6), (At.M(7, 12), 8))
            .With("restarts(web)", (0, 0), (At.M(1), 1), (At.M(9), 5))
            .With("scheduler.queue", (0, 0), (At.M(4), 2), (At.M(6, 30), 0))
            .With("node(node-2).ready", (0, 1))
            .With("node(node-3).ready", (0, 1), (At.M(2, 40), 0))
            .With("node(node-2).schedulable", (0, 1), (At.M(3), 0))
            .With("api.available", (0, 1), (At.M(2), 0), (At.M(6), 1))
            .With("api.writable", (0, 1), (At.M(2), 0), (At.M(6), 1))
            .With("etcd.quorum", (0, 1))
            .With("etcd.leader", (0, 1), (At.M(4), 0), (At.M(4, 5), 1))
            .With("success(web)", (0, 1), (At.M(2), 0.6), (At.M(3), 1));

    private static ProbeResult Evaluate(string text, ProbeKind kind)
    {
        var parsed = ProbeParser.Parse(text);
        Assert.Empty(parsed.Errors);
        Assert.NotNull(parsed.Probe);
        Assert.Equal(kind, parsed.Probe.Kind);
        var incident = Incident();
        Assert.Empty(parsed.Probe.Validate(incident));
        return parsed.Probe.Evaluate(incident);
    }

    [Theory]
    // The examples in scenario-format.md's YAML and design.md
    [InlineData("pods(web, Running) == 6 throughout 2m..6m", true, "web had 6 Running pods throughout 2:00–6:00")]
    [InlineData("api.available at 3m", false, "the API was unavailable at 3:00")]
    [InlineData("success(web) >= 0.99 over 8m..10m", true, "success(web) was 100% over 8:00–10:00")]
    [InlineData("pods(web, Running) == 6 at 10m", true, "web had 6 Running pods at 10:00")]
    [InlineData("pods(web, Running) == 6 throughout 2m..10m", true, "web had 6 Running pods throughout 2:00–10:00")]
    [InlineData("success(web) >= 0.99 over 2m..10m", false, "success(web) was 95% over 2:00–10:00 (needed at least 99%)")]
    [InlineData("node(node-2).ready at 4m", true, "node-2 was Ready at 4:00")]
    // at
    [InlineData("containers(web) == 6 at 1m30s", true, "web had 6 pods with running containers at 1:30")]
    [InlineData("containers(web) == 6 at 3m", false, "web had 4 pods with running containers at 3:00 (needed 6)")]
    [InlineData("containers(web, node = node-3) == 0 at 2m", true, "web had 0 pods with running containers on node-3 at 2:00")]
    [InlineData("pods(web, node = node-3) == 2 at 5m", true, "web had 2 pods on node-3 at 5:00")]
    [InlineData("restarts(web) >= 2 at 90s", false, "web had 1 container restart at 1:30 (needed at least 2)")]
    [InlineData("rules(web, node = node-2) > 6 at 8m", true, "node-2's kube-proxy rules held 8 endpoints of web at 8:00")]
    [InlineData("api.writable == false at 3m", true, "the API refused writes at 3:00")]
    [InlineData("node(node-2).schedulable == true at 4m", false, "node-2 was unschedulable at 4:00")]
    [InlineData("node(node-2).schedulable != true at 4m", true, "node-2 was unschedulable at 4:00")]
    [InlineData("api.available at 500ms", true, "the API was available at 0:00.5")]
    [InlineData("6 == pods(web, Running) at 5m", true, "web had 6 Running pods at 5:00")]
    [InlineData("pods(web, Running) < 6 at end", false, "web had 6 Running pods at 10:00 (needed fewer than 6)")]
    [InlineData("(pods(web, Running) == 6 and api.available) at 3m", false, "the API was unavailable at 3:00")]
    [InlineData("(containers(web) == 6 or endpoints(web) == 6) at 2m50s", false,
        "web had 4 pods with running containers (needed 6) and web had 4 ready endpoints (needed 6) at 2:50")]
    // throughout
    [InlineData("endpoints(web) >= 5 throughout 0s..end", false, "web had 4 ready endpoints at 2:40 (needed at least 5)")]
    [InlineData("etcd.quorum throughout 0s..end", true, "etcd had quorum throughout 0:00–10:00")]
    [InlineData("etcd.leader throughout 3m..5m", false, "etcd had no leader at 4:00")]
    [InlineData("restarts(web) < 10 throughout 0s..end", true, "restarts(web) < 10 held throughout 0:00–10:00")]
    [InlineData("(pods(web, Running) == 6 and api.available) throughout 1m..3m", false, "the API was unavailable at 2:00")]
    // sometime
    [InlineData("containers(web) == 6 sometime 2m..6m", false, "web had 4 pods with running containers throughout 2:00–6:00 (needed 6)")]
    [InlineData("containers(web) == 6 sometime 2m..end", true, "web had 6 pods with running containers at 7:12")]
    [InlineData("pods(web, Pending) >= 1 sometime 2m..6m", true, "web had 2 Pending pods at 4:00")]
    [InlineData("endpoints(web) == 5 sometime 0s..end", false, "endpoints(web) == 5 never held in 0:00–10:00")]
    // by (= sometime 0..T)
    [InlineData("scheduler.queue > 0 by 5m", true, "2 pods waited to be scheduled at 4:00")]
    [InlineData("scheduler.queue > 0 by 3m", false, "0 pods waited to be scheduled throughout 0:00–3:00 (needed more than 0)")]
    [InlineData("node(node-3).ready == false by 2m40s", true, "node-3 was not Ready at 2:40")]
    // over
    [InlineData("success(web) >= 99% over 0s..2m", true, "success(web) was 100% over 0:00–2:00")]
    [InlineData("99% <= success(web) over 2m..3m", false, "success(web) was 60% over 2:00–3:00 (needed at least 99%)")]
    [InlineData("success(web) < 0.5 over 2m..3m", false, "success(web) was 60% over 2:00–3:00 (needed below 50%)")]
    // and, or, not
    [InlineData("pods(web, Running) == 6 throughout 2m..6m and api.available at 3m", false, "the API was unavailable at 3:00")]
    [InlineData("pods(web, Running) == 6 throughout 2m..6m and not api.available at 3m", true,
        "web had 6 Running pods throughout 2:00–6:00; the API was unavailable at 3:00")]
    [InlineData("api.available at 3m or api.available at 7m", true, "the API was available at 7:00")]
    [InlineData("api.available at 3m or etcd.leader at 4m", false, "the API was unavailable at 3:00; etcd had no leader at 4:00")]
    [InlineData("not (api.available at 3m and etcd.quorum at 3m)", true, "the API was unavailable at 3:00")]
    [InlineData("not api.available throughout 2m..6m", false, "the API was available at 6:00")]
    [InlineData("not api.available throughout 2m..5m", true, "the API was unavailable throughout 2:00–5:00")]
    [InlineData("not (api.available throughout 2m..6m)", true, "the API was unavailable at 2:00")]
    [InlineData("not pods(web, Running) == 6 sometime 0s..end", false, "web had 6 Running pods throughout 0:00–10:00")]
    // plane(COMPONENT), which needs no time
    [InlineData("plane(kubelet) == data", true, "kubelet is on the data plane")]
    [InlineData("plane(kube-apiserver) == data", false, "kube-apiserver is on the control plane (needed data)")]
    [InlineData("plane(cloud-controller-manager) != data", true, "cloud-controller-manager is on the control plane")]
    [InlineData("plane(kube-proxy) == plane(cni)", true, "plane(kube-proxy) (data) == plane(cni) (data)")]
    [InlineData("plane(etcd) == control and api.available at 3m", false, "the API was unavailable at 3:00")]
    public void BooleanFormsEvaluateOverTheTrace(string probe, bool holds, string explanation)
    {
        var result = Evaluate(probe, ProbeKind.Boolean);

        Assert.Equal(holds, result.Holds);
        Assert.Null(result.Value);
        Assert.False(result.IsNever);
        Assert.Equal(explanation, result.Explanation);
    }

    [Theory]
    [InlineData("restarts(web) at 10m", 5, "web had 5 container restarts at 10:00")]
    [InlineData("containers(web) at end", 6, "web had 6 pods with running containers at 10:00")]
    [InlineData("containers(web, node != node-3) at 3m", 0, "web had 0 pods with running containers outside node-3 at 3:00")]
    [InlineData("pods(web, Running) at 4m", 6, "web had 6 Running pods at 4:00")]
    [InlineData("endpoints(web) at 3m", 4, "web had 4 ready endpoints at 3:00")]
    [InlineData("scheduler.queue at 5m", 2, "2 pods waited to be scheduled at 5:00")]
    [InlineData("rules(web, node = node-2) at 1m", 6, "node-2's kube-proxy rules held 6 endpoints of web at 1:00")]
    [InlineData("success(web) over 2m..10m", 0.95, "success(web) was 95% over 2:00–10:00")]
    [InlineData("time_until(pods(web, Running, node != node-3) == 6) after 2m", 312,
        "pods(web, Running, node != node-3) == 6 first held at 7:12, 312 s after 2:00")]
    [InlineData("time_until(pods(web, Running) == 6) after 2m", 0, "pods(web, Running) == 6 already held at 2:00")]
    [InlineData("time_until(node(node-3).ready == false) after 1m30s", 70, "node(node-3).ready == false first held at 2:40, 70 s after 1:30")]
    [InlineData("time_until(api.available and etcd.leader) after 2m", 240, "api.available and etcd.leader first held at 6:00, 240 s after 2:00")]
    [InlineData("time_until(etcd.leader) after 4m2s", 3, "etcd.leader first held at 4:05, 3 s after 4:02")]
    [InlineData("time_until(not etcd.leader) after 3m", 60, "not etcd.leader first held at 4:00, 60 s after 3:00")]
    public void NumberFormsMeasureTheTrace(string probe, double value, string explanation)
    {
        var result = Evaluate(probe, ProbeKind.Number);

        Assert.Null(result.Holds);
        Assert.False(result.IsNever);
        Assert.NotNull(result.Value);
        Assert.Equal(value, result.Value.Value, 9);
        Assert.Equal(explanation, result.Explanation);
    }

    [Fact]
    public void TimeUntilACondition_ThatNeverHolds_IsNever()
    {
        var result = Evaluate("time_until(restarts(web) >= 10) after 2m", ProbeKind.Number);

        Assert.True(result.IsNever);
        Assert.Null(result.Value);
        Assert.Null(result.Holds);
        Assert.Equal("restarts(web) >= 10 never held after 2:00 (the run ends at 10:00)", result.Explanation);
    }

    [Fact]
    public void ThroughoutReadsEveryChange_NotASample()
    {
        // A one-millisecond dip in the middle of the window is caught.
        var source = new FakeProbeSource(At.M(10)).WithWorkloads("web")
            .With("pods(web, Running)", (0, 6), (At.M(4) + 500, 5), (At.M(4) + 501, 6));

        var result = ProbeParser.Parse("pods(web, Running) == 6 throughout 1m..9m").Probe!.Evaluate(source);

        Assert.False(result.Holds);
        Assert.Equal("web had 5 Running pods at 4:00.5 (needed 6)", result.Explanation);
    }

    [Fact]
    public void AWindowIncludesBothEnds()
    {
        var source = new FakeProbeSource(At.M(10)).WithWorkloads("web")
            .With("pods(web, Running)", (0, 6), (At.M(6), 5));

        Assert.False(ProbeParser.Parse("pods(web, Running) == 6 throughout 2m..6m").Probe!.Evaluate(source).Holds);
        Assert.True(ProbeParser.Parse("pods(web, Running) == 5 sometime 2m..6m").Probe!.Evaluate(source).Holds);
        Assert.True(ProbeParser.Parse("pods(web, Running) == 6 throughout 2m..5m59s").Probe!.Evaluate(source).Holds);
    }

    [Theory]
    [InlineData("pods(web, Running) == 6 throughout 2m..6m and api.available at 3m")]
    [InlineData("pods(web,Running)==6 throughout 2m..6m and api.available at 3m")]
    [InlineData("  pods( web , Running )  ==  6  throughout  2m .. 6m  and  api.available  at  3m  ")]
    public void ATimeSuffixAppliesToTheConditionItFollows(string probe)
    {
        var parsed = ProbeParser.Parse(probe);

        Assert.Empty(parsed.Errors);
        var root = Assert.IsType<LogicalExpr>(parsed.Probe!.Root);
        Assert.Equal(LogicalOp.And, root.Op);
        Assert.IsType<WindowExpr>(root.Left);
        Assert.IsType<AtExpr>(root.Right);
    }

    [Fact]
    public void AndBindsTighterThanOr_AndNotTighterThanTheTimeSuffix()
    {
        var parsed = ProbeParser.Parse("not api.available at 1m or api.available at 2m and etcd.quorum at 3m");

        var or = Assert.IsType<LogicalExpr>(parsed.Probe!.Root);
        Assert.Equal(LogicalOp.Or, or.Op);
        Assert.IsType<NotExpr>(Assert.IsType<AtExpr>(or.Left).Body);
        Assert.Equal(LogicalOp.And, Assert.IsType<LogicalExpr>(or.Right).Op);
    }

    [Theory]
    [InlineData("not api.available at 3m", "not api.available at 3m")]
    [InlineData("not (api.available at 3m)", "not (api.available at 3m)")]
    [InlineData("not pods(web)==6 throughout 1m..2m", "not (pods(web) == 6) throughout 1m..2m")]
    [InlineData("(api.available at 1m or etcd.quorum at 2m) and etcd.leader at 3m", "(api.available at 1m or etcd.quorum at 2m) and etcd.leader at 3m")]
    [InlineData("(api.available and etcd.quorum)   at 1m", "(api.available and etcd.quorum) at 1m")]
    public void ProbesFormatBackWithTheirStructureVisible(string probe, string formatted)
    {
        var parsed = ProbeParser.Parse(probe);

        Assert.Equal(formatted, ProbeFormatter.Format(parsed.Probe!.Root));
    }

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m0s250ms", 60_250)]
    [InlineData("1h", 3_600_000)]
    public void TimesReadAsWritten(string time, long ms)
    {
        var at = Assert.IsType<AtExpr>(ProbeParser.Parse($"api.available at {time}").Probe!.Root);

        Assert.Equal(ms, at.Time.Ms);
    }

    [Fact]
    public void EndIsTheRunsDuration()
    {
        var source = new FakeProbeSource(At.M(15)).With("api.available", (0, 1), (At.M(15), 0));

        var result = ProbeParser.Parse("api.available at end").Probe!.Evaluate(source);

        Assert.False(result.Holds);
        Assert.Equal("the API was unavailable at 15:00", result.Explanation);
    }

    [Fact]
    public void TheProbeKeepsItsText()
    {
        var probe = ProbeParser.Parse(" restarts(web) at 10m ").Probe!;

        Assert.Equal("restarts(web) at 10m", probe.Text);
        Assert.IsType<NumberProbe>(probe);
    }
}
