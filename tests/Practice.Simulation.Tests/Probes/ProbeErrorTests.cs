using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Probes;

/// <summary>Every class of probe error names the column where the problem starts and says what would fix it.</summary>
public sealed class ProbeErrorTests
{
    private const string Phases = "Pending, ContainerCreating, Running, Ready, Terminating, CrashLoopBackOff, Failed, Unknown, ErrImagePull, ImagePullBackOff";
    private const string Times = "90s, 2m, 1m30s, 500ms or end";
    private const string PodsUsage = "pods(W[, PHASE][, node = N | node != N])";

    private static void AssertSingleError(string probe, int column, string message)
    {
        var result = ProbeParser.Parse(probe);

        Assert.Null(result.Probe);
        var error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("pod(web) == 6 at 3m", 1, "unknown function `pod`: did you mean `pods`?")]
    [InlineData("container(web) at 3m", 1, "unknown function `container`: did you mean `containers`?")]
    [InlineData("timeuntil(api.available) after 2m", 1, "unknown function `timeuntil`: did you mean `time_until`?")]
    [InlineData("api.available and frobs(web) at 3m", 19,
        "unknown function `frobs`: the functions are pods, containers, endpoints, rules, success, restarts, node, leader, plane, time_until")]
    [InlineData("api.availble at 3m", 1, "unknown quantity `api.availble`: did you mean `api.available`?")]
    [InlineData("scheduler at 3m", 11, "expected `.` after `scheduler`: write scheduler.queue")]
    [InlineData("apiavailable at 3m", 1, "unknown quantity `apiavailable`: did you mean `api.available`?")]
    [InlineData("node(node-2).redy at 3m", 14, "unknown node condition `redy`: did you mean `ready`?")]
    [InlineData("node(node-2) at 3m", 14, "expected `.ready`, `.schedulable` or `.exists` after `node(node-2)`, found `at`")]
    public void UnknownFunctionsAndQuantitiesSuggestTheClosestName(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("pods(web, Runing) == 6 at 3m", 11, "unknown phase `Runing`: did you mean `Running`? The phases are " + Phases)]
    [InlineData("pods(web, running) == 6 at 3m", 11, "unknown phase `running`: did you mean `Running`? The phases are " + Phases)]
    [InlineData("pods(web, Sleeping) == 6 at 3m", 11, "unknown phase `Sleeping`: the phases are " + Phases)]
    public void AnUnknownPhaseListsTheValidOnes(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("plane(kubelett) == data", 7, "unknown component `kubelett`: did you mean `kubelet`?")]
    [InlineData("plane(apiserver) == control", 7, "unknown component `apiserver`: did you mean `kube-apiserver`?")]
    [InlineData("plane(dns) == data", 7,
        "unknown component `dns`: the components are kube-apiserver, etcd, kube-scheduler, kube-controller-manager, cloud-controller-manager, kubelet, container-runtime, kube-proxy, cni, cni-plugin and 1 more")]
    public void AnUnknownComponentSuggestsAKnownOne(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("api.available at", 17, "missing time after `at`: expected a time like " + Times + ", found the end of the probe")]
    [InlineData("api.available by and", 18, "missing time after `by`: expected a time like " + Times + ", found `and`")]
    [InlineData("api.available throughout 2m..", 30, "missing time after `..`: expected a time like " + Times + ", found the end of the probe")]
    [InlineData("api.available throughout 2m", 28, "expected `..` after `2m`, found the end of the probe: write the window as T1..T2")]
    [InlineData("time_until(api.available) after", 32, "missing time after `after`: expected a time like " + Times + ", found the end of the probe")]
    [InlineData("time_until(api.available) at 2m", 27,
        "expected `after T` after `time_until(...)`, found `at`: e.g. time_until(pods(web, Running) == 6) after 2m")]
    public void AMissingTimeSaysWhereOneIsExpected(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("pods(web, Running) == 6", 1,
        "missing time: `pods(web, Running) == 6` needs `at T`, `throughout T1..T2`, `sometime T1..T2` or `by T`")]
    [InlineData("api.available", 1, "missing time: `api.available` needs `at T`, `throughout T1..T2`, `sometime T1..T2` or `by T`")]
    [InlineData("restarts(web)", 1, "missing time: `restarts(web)` needs `at T`, like `restarts(web) at 10m`")]
    [InlineData("api.available and etcd.quorum at 3m", 1,
        "missing time: `api.available` needs `at T`, `throughout T1..T2`, `sometime T1..T2` or `by T`")]
    [InlineData("api.available at 3m or (etcd.quorum)", 24,
        "missing time: `etcd.quorum` needs `at T`, `throughout T1..T2`, `sometime T1..T2` or `by T`")]
    public void AConditionWithoutATimeIsMissingOne(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("api.available at 3x", 18, "bad time `3x`: write a time like " + Times)]
    [InlineData("api.available at 90", 18, "bad time `90`: add a unit, like 90s")]
    [InlineData("api.available at 30s1m", 18, "bad time `30s1m`: write a time like " + Times)]
    [InlineData("api.available at 1.5m", 18, "bad time `1.5m`: write a time like " + Times)]
    [InlineData("api.available at start", 18, "missing time after `at`: expected a time like " + Times + ", found `start`")]
    public void ABadTimeLiteralIsNamed(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("api.available throughout 6m..2m", 26, "the window 6m..2m ends before it starts")]
    [InlineData("success(web) >= 0.99 over 10m..8m", 27, "the window 10m..8m ends before it starts")]
    public void AWindowThatEndsBeforeItStartsIsRejected(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("(api.available at 3m", 1, "unclosed `(`: expected `)` before the end of the probe")]
    [InlineData("api.available at 3m and (etcd.quorum or etcd.leader", 25, "unclosed `(`: expected `)` before the end of the probe")]
    [InlineData("pods(web, Running", 5, "unclosed `(`: expected `)` before the end of the probe")]
    [InlineData("pods(web, Running == 6 at 3m", 19, "expected `)` to close `pods(`, found `==`: write " + PodsUsage)]
    [InlineData("(api.available at 3m etcd.quorum at 3m)", 22, "expected `)` to close the `(` at column 1, found `etcd`")]
    [InlineData("time_until(api.available after 2m", 26, "expected `)` to close `time_until(`, found `after`")]
    [InlineData("pods(web, Running, node = node-1, x) at 3m", 33, "too many arguments: write " + PodsUsage)]
    public void AnUnclosedParenthesisPointsAtItsOpening(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("api.available at 3m 4m", 21,
        "unexpected `4m`: expected `and`, `or`, a time (at, throughout, sometime, by, over) or the end of the probe")]
    [InlineData("api.available at 3m)", 20, "unexpected `)`: there is no `(` to close")]
    [InlineData("api.available throughtout 1m..2m", 15, "unexpected `throughtout`: did you mean `throughout`?")]
    [InlineData("api.available at 3m adn etcd.quorum at 3m", 21, "unexpected `adn`: did you mean `and`?")]
    [InlineData("pods(web) == 6 at 3m at 4m", 22,
        "`pods(web) == 6 at 3m` already has a time: a condition takes one of at, throughout, sometime, by or over")]
    public void TrailingInputIsUnexpected(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("", 1, "the probe is empty: write a condition with a time, like `pods(web, Running) == 6 at 5m`")]
    [InlineData("   ", 1, "the probe is empty: write a condition with a time, like `pods(web, Running) == 6 at 5m`")]
    [InlineData("api.available at 3m and", 24, "expected a condition or a quantity, found the end of the probe")]
    [InlineData("and api.available at 3m", 1, "expected a condition or a quantity, found `and`")]
    [InlineData("pods(web,) at 3m", 10, "expected a phase or `node = N`, found `)`: write " + PodsUsage)]
    [InlineData("pods() at 3m", 6, "expected a workload name, found `)`")]
    [InlineData("pods web at 3m", 6, "expected `(` after `pods`, found `web`: write " + PodsUsage)]
    [InlineData("pods(web) = 6 at 3m", 11, "use `==` to compare (a single `=` is only for `node = N`)")]
    [InlineData("pods(web, node == node-1) at 3m", 16, "expected `=` or `!=` after `node`, found `==`")]
    [InlineData("pods(web, Running, node-1) at 3m", 20, "expected `node = N` or `node != N`, found `node-1`: write " + PodsUsage)]
    [InlineData("rules(web, node != node-2) == 6 at 3m", 17, "rules(S, node = N) reads one node's kube-proxy rules: write `node = N`")]
    [InlineData("rules(web) == 6 at 3m", 10, "expected `, node = N` after the Service, found `)`: write rules(S, node = N)")]
    [InlineData("pods(Web) == 6 at 3m", 6, "`Web` is not a valid workload name: names are lowercase letters, digits and hyphens")]
    [InlineData("1 < pods(web) < 3 at 3m", 15, "comparisons do not chain: join two comparisons with `and`")]
    [InlineData("api.available at 3m # hi", 21, "unexpected character `#`")]
    [InlineData("api.available at 3m ! etcd.quorum at 3m", 21, "unexpected `!`: write `!=` to compare, or `not` to negate a condition")]
    [InlineData("api.available throughout 2m–6m", 28, "unexpected `–`: write a window as T1..T2, with two dots")]
    [InlineData("pods(web) == 6x at 3m", 14, "bad number `6x`: write a count like 6, a share like 0.99, or a percentage like 99%")]
    [InlineData("pods(web) == 2m at 3m", 14,
        "expected a number, found the time `2m`: a time goes after at, throughout, sometime, by, over or after")]
    public void UnexpectedTokensSayWhatWasExpected(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("success(web) >= 0.99 at 3m", 1, "`success(web)` is measured over a window: write `success(web) >= 0.99 over T1..T2`")]
    [InlineData("success(web) > 0.5 throughout 2m..4m", 1, "`success(web)` is measured over a window: write `success(web) > 0.5 over T1..T2`")]
    [InlineData("success(web) at 3m", 1, "`success(web)` is measured over a window: write `success(web) >= 0.99 over T1..T2`")]
    [InlineData("api.available at 3m and 0.9 < success(api)", 31, "`success(api)` is measured over a window: write `0.9 < success(api) over T1..T2`")]
    [InlineData("time_until(success(web) >= 0.99) after 2m", 12, "`success(web)` is measured over a window: write `success(web) >= 0.99 over T1..T2`")]
    [InlineData("pods(web) == 6 over 2m..4m", 16,
        "`over` measures success(S) over a window, like `success(web) >= 0.99 over 2m..10m`; for other conditions use throughout or sometime")]
    [InlineData("success(web) >= 1.5 over 2m..4m", 17, "`1.5` is not a share: success(S) is between 0 and 1 (or 0% and 100%)")]
    [InlineData("success(web) >= endpoints(web) over 2m..4m", 17, "compare success(S) with a share like 0.99 or 99%, not `endpoints(web)`")]
    [InlineData("pods(web) >= 50% at 3m", 14, "`50%` is a percentage: percentages only compare with success(S)")]
    public void SuccessOnlyReadsOverAWindow(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Theory]
    [InlineData("restarts(web) at 10m and api.available at 3m", 1,
        "`restarts(web) at 10m` is a number probe: it stands alone and cannot be combined with `and`")]
    [InlineData("not time_until(api.available) after 2m", 5,
        "`time_until(api.available) after 2m` is a number probe: it stands alone and cannot be combined with `not`")]
    [InlineData("restarts(web) throughout 2m..4m", 1, "`restarts(web)` is a number, not a condition: compare it, like `restarts(web) > 0`")]
    [InlineData("time_until(restarts(web)) after 2m", 12, "`restarts(web)` is a number, not a condition: compare it, like `restarts(web) > 0`")]
    [InlineData("api.available at 3m or endpoints(web)", 24, "`endpoints(web)` is a number, not a condition: compare it, like `endpoints(web) > 0`")]
    [InlineData("api.available == 1 at 3m", 15,
        "cannot compare the condition `api.available` with the number `1`: compare a yes/no condition with true or false")]
    [InlineData("plane(kubelet) == 1", 16, "cannot compare the plane `plane(kubelet)` with the number `1`: compare a plane with control or data")]
    [InlineData("api.available < etcd.quorum at 3m", 15, "`<` does not apply to yes/no conditions: use `==` or `!=`")]
    [InlineData("plane(kubelet)", 1, "`plane(kubelet)` is control or data, not a condition: compare it, like `plane(kubelet) == data`")]
    [InlineData("6 at 3m", 1, "`6` is a constant: a number probe reads a quantity, like `restarts(web) at 10m`")]
    [InlineData("(restarts(web) at 10m) > 3", 1,
        "`restarts(web) at 10m` already has a time: compare first and put the time after the comparison, like `restarts(web) > 3 at 10m`")]
    [InlineData("time_until(api.available at 3m) after 2m", 12, "`api.available at 3m` already has a time: `time_until` takes a condition without one")]
    [InlineData("(api.available at 3m) throughout 1m..2m", 1, "`api.available at 3m` already has a time: `throughout` takes a condition without one")]
    public void NumbersAndConditionsAreNotMixedUp(string probe, int column, string message) =>
        AssertSingleError(probe, column, message);

    [Fact]
    public void ProblemsThatLeaveTheProbeReadableAreAllReported()
    {
        var result = ProbeParser.Parse("pods(web, Runing) == 6 throughout 6m..2m and plane(kubelett) == data");

        Assert.Null(result.Probe);
        Assert.Equal([11, 35, 52], result.Errors.Select(e => e.Column));
    }

    [Fact]
    public void ParsingNeverThrows()
    {
        string[] garbage = ["(((((", ")))", "..", "node(", "node(x).", "api.", "pods(web, node", "time_until", "at at at", "%", "0.", "1..2", null!];

        foreach (var text in garbage)
        {
            var result = ProbeParser.Parse(text);
            Assert.Null(result.Probe);
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e => Assert.InRange(e.Column, 1, (text?.Length ?? 0) + 1));
        }
    }
}
