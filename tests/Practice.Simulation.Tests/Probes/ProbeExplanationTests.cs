using Practice.Simulation.Probes;

namespace Practice.Simulation.Tests.Probes;

/// <summary>What the learner reads under a graded answer: what was measured, when, and what was needed.</summary>
public sealed class ProbeExplanationTests
{
    // web loses two Running pods at 3:10 and gets them back at 3:42; 2.8% of requests fail over 2:00–10:00.
    private static readonly FakeProbeSource Run = new FakeProbeSource(At.M(10))
        .WithWorkloads("web")
        .WithServices("web")
        .With("pods(web, Running)", (0, 6), (At.M(3, 10), 4), (At.M(3, 42), 6))
        .With("success(web)", (0, 1), (At.M(2), 0.776), (At.M(3), 1));

    private static ProbeResult Evaluate(string probe) => ProbeParser.Parse(probe).Probe!.Evaluate(Run);

    [Fact]
    public void AConditionThatHeldThroughoutSaysWhatHeld() =>
        Assert.Equal("web had 6 Running pods throughout 2:00–3:00", Evaluate("pods(web, Running) == 6 throughout 2m..3m").Explanation);

    [Fact]
    public void AConditionThatBrokeSaysWhenAndWhatWasNeeded() =>
        Assert.Equal("web had 4 Running pods at 3:10 (needed 6)", Evaluate("pods(web, Running) == 6 throughout 2m..6m").Explanation);

    [Fact]
    public void ASuccessRateIsAPercentageOverItsWindow() =>
        Assert.Equal("success(web) was 97.2% over 2:00–10:00", Evaluate("success(web) >= 0.95 over 2m..10m").Explanation);

    [Fact]
    public void ASuccessRateJustShortOfTheMarkShowsEnoughDigitsToSeeWhy()
    {
        var run = new FakeProbeSource(At.M(10)).WithServices("web").With("success(web)", (0, 0.98996));

        var result = ProbeParser.Parse("success(web) >= 99% over 0s..end").Probe!.Evaluate(run);

        Assert.Equal("success(web) was 98.996% over 0:00–10:00 (needed at least 99%)", result.Explanation);
    }

    [Fact]
    public void TimeUntilSaysWhenAndHowLongAfter()
    {
        var run = new FakeProbeSource(At.M(10)).WithWorkloads("web")
            .With("pods(web, Running)", (0, 6), (At.M(2), 3), (At.M(3, 42), 6));

        var result = ProbeParser.Parse("time_until(pods(web, Running) == 6) after 2m").Probe!.Evaluate(run);

        Assert.Equal(102, result.Value);
        Assert.Equal("pods(web, Running) == 6 first held at 3:42, 102 s after 2:00", result.Explanation);
    }

    [Fact]
    public void TimeUntilThatNeverHappensSaysSo() =>
        Assert.Equal("pods(web, Running) == 7 never held after 2:00 (the run ends at 10:00)",
            Evaluate("time_until(pods(web, Running) == 7) after 2m").Explanation);

    [Fact]
    public void AFailedConjunctionNamesOnlyWhatFailed() =>
        Assert.Equal("web had 4 Running pods at 3:10 (needed 6)",
            Evaluate("success(web) >= 0.95 over 2m..10m and pods(web, Running) == 6 throughout 2m..6m").Explanation);

    [Fact]
    public void AHeldConjunctionNamesBothParts() =>
        Assert.Equal("success(web) was 97.2% over 2:00–10:00; web had 6 Running pods at 4:00",
            Evaluate("success(web) >= 0.95 over 2m..10m and pods(web, Running) == 6 at 4m").Explanation);
}
