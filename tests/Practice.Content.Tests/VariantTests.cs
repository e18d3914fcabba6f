using Practice.Cli;
using Practice.Content.Grading;
using Practice.Content.Scenarios;

namespace Practice.Content.Tests;

/// <summary>Seeded variants: values drawn from a seed, put in place of {name}, checked where they are written.</summary>
public class VariantTests
{
    // Line numbers below count from the '---' on line 1.
    private const string Text = """
        ---
        id: variants
        title: Variants
        module: control-plane-data-plane
        components: [kubelet]
        difficulty: 2
        variants:
          node: [node-2, node-1, node-3]
          at: { range: 1m..2m, step: 30s }
        cluster:
          nodes: 3
          workloads:
            - { kind: Deployment, name: web, replicas: 6, service: web, traffic: 30 }
        timeline:
          - at: "{at}"
            fault: { component: kubelet, node: "{node}" }
        duration: 10m
        questions:
          - id: q
            kind: multi
            prompt: The kubelet on {node} stops at {at}. Which hold?
            options:
              - id: ready
                text: "{node} is NotReady at 5m"
                probe: not node({node}).ready at 5m
                expect: true
              - id: six
                text: Six containers still run
                probe: containers(web) == 6 at 5m
        ---
        The kubelet on {node} stopped at {at}.
        """;

    private static (Scenario? Scenario, IReadOnlyList<string> Problems) Parse(string text) => Fixture.Inline(text);

    [Fact]
    public void SeedZeroIsTheScenarioAsWrittenWithEachFirstValue()
    {
        var (scenario, problems) = Parse(Text);

        Assert.Empty(problems);
        Assert.Equal(0, scenario!.Variant.Seed);
        Assert.Equal("node = node-2, at = 1m", scenario.Variant.ToString());
        Assert.Equal("The kubelet on node-2 stops at 1m. Which hold?", scenario.Questions[0].Prompt);
        var fault = Assert.Single(scenario.Spec.Timeline);
        Assert.Equal(60_000, fault.AtMs);
        Assert.Contains("node-2", fault.ToString(), StringComparison.Ordinal);
        Assert.Contains("The kubelet on node-2 stopped at 1m.", scenario.ExplanationHtml, StringComparison.Ordinal);
        Assert.Equal(["node-2", "node-1", "node-3"], scenario.Variables[0].Values);
        Assert.Equal(["1m", "1m30s", "2m"], scenario.Variables[1].Values);
    }

    [Fact]
    public void ASeedDrawsEachValueFromSplitMix64InDeclarationOrder()
    {
        var (scenario, _) = Parse(Text);

        // SplitMix64 seeded with 1 first gives 0x910A2DEC89025CC1 (the published vector): 2 mod 3,
        // so node-3; its second output is 1 mod 3, so 1m30s. Seed 3 gives 0 and 0: as written.
        var one = scenario!.AtSeed(1);
        Assert.Equal("node = node-3, at = 1m30s", one.Variant.ToString());
        Assert.Equal("The kubelet on node-3 stops at 1m30s. Which hold?", one.Questions[0].Prompt);
        Assert.Equal(90_000, Assert.Single(one.Spec.Timeline).AtMs);
        Assert.Contains("The kubelet on node-3 stopped at 1m30s.", one.ExplanationHtml, StringComparison.Ordinal);
        Assert.Equal("node = node-2, at = 1m", scenario.AtSeed(3).Variant.ToString());
        Assert.Equal(one.Variant.Values, scenario.AtSeed(1).Variant.Values);
    }

    [Fact]
    public void AVariantIsGradedAgainstItsOwnRun()
    {
        var (scenario, _) = Parse(Text);
        var asWritten = ScenarioGrader.Run(scenario!);
        var one = ScenarioGrader.Run(scenario!.AtSeed(1));

        // The option's probe names the failing node, so it holds in both: on node-2 as written, on node-3 in seed 1.
        Assert.True(ScenarioGrader.Grade(asWritten, "q", "ready,six").Correct);
        Assert.True(ScenarioGrader.Grade(one, "q", "ready,six").Correct);
        Assert.Contains("node-3 was not Ready", ((ChoiceOutcome)one.Outcome("q")).Options[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownPlaceholderIsReportedWhereItIsWritten()
    {
        var (_, problems) = Parse(Text.Replace("prompt: The kubelet on {node}", "prompt: The kubelet on {nod}", StringComparison.Ordinal));

        Assert.Equal(["inline.md:21:28: unknown placeholder '{nod}'; did you mean '{node}'?"], problems);
    }

    [Fact]
    public void AnUnknownPlaceholderInTheExplanationIsReportedOnItsLine()
    {
        var (_, problems) = Parse(Text.Replace("stopped at {at}.", "stopped at {when}.", StringComparison.Ordinal));

        var problem = Assert.Single(problems);
        Assert.StartsWith("inline.md:31:34: unknown placeholder '{when}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void APlaceholderWithoutAnyVariantsIsReported()
    {
        var text = Text.Replace("""
            variants:
              node: [node-2, node-1, node-3]
              at: { range: 1m..2m, step: 30s }

            """, "", StringComparison.Ordinal).Replace("\"{at}\"", "1m", StringComparison.Ordinal).Replace("\"{node}\"", "node-2", StringComparison.Ordinal);

        var (_, problems) = Parse(text);

        Assert.Contains("inline.md:18:28: placeholder '{node}' names no variant: this scenario declares none (add 'variants:' with 'node')", problems);
    }

    [Fact]
    public void AnEmptyRangeIsReportedAtItsEnd()
    {
        var (_, problems) = Parse(Text.Replace("range: 1m..2m", "range: 2m..1m", StringComparison.Ordinal));

        Assert.Equal(["inline.md:9:20: variant 'at': the range 2m..1m is empty (its end is before its start)"], problems);
    }

    [Fact]
    public void AValueTheFileCannotTakeIsReportedWithTheValuesThatBrokeIt()
    {
        var (scenario, problems) = Parse(Text.Replace("node: [node-2, node-1, node-3]", "node: [node-2, node-1, node-9]", StringComparison.Ordinal));

        Assert.Null(scenario);
        Assert.True(problems.Count == 2, string.Join("\n", problems));
        // The fault's node is the quoted scalar at column 40; the probe's node name sits inside its placeholder, reported at the '{'.
        Assert.Contains(problems, p => p.StartsWith("inline.md:16:40: unknown node 'node-9'", StringComparison.Ordinal) && p.EndsWith("(with node = node-9, at = 2m)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("inline.md:25:25: unknown node `node-9`", StringComparison.Ordinal));
    }

    [Fact]
    public void AProbeErrorAfterAPlaceholderLandsOnTheWrittenColumn()
    {
        var (_, problems) = Parse(Text.Replace("not node({node}).ready at 5m", "not node({node}).ready at 99m", StringComparison.Ordinal));

        // "        probe: " is 15 columns, "not node({node}).ready at " 26 more: 99m is at column 42, not at 42 + len("node-2") - len("{node}").
        var problem = Assert.Single(problems);
        Assert.StartsWith("inline.md:25:42: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void VariesAndExpectTogetherIsAnError()
    {
        var (_, problems) = Parse(Text.Replace("        expect: true", "        expect: true\n        varies: true", StringComparison.Ordinal));

        Assert.Equal(["inline.md:26:17: 'expect' is checked on every variant, so it cannot go with 'varies: true'; keep one of them"], problems);
    }

    // ------------------------------------------------------------------ sim --seed / --variants

    private static (int Exit, string Out, string Err) Sim(string text, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"variants-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, text);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = CliApp.Run(["sim", path, .. args], output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WithNodeTwoOption(bool varies) => Text.Replace(
        "      - id: six\n",
        "      - id: two\n        text: node-2 is Ready at 5m\n        probe: node(node-2).ready at 5m\n"
            + (varies ? "        varies: true\n" : "") + "      - id: six\n",
        StringComparison.Ordinal);

    [Fact]
    public void AnUndeclaredVerdictChangeIsReportedWithItsSeed()
    {
        var (exit, output, error) = Sim(WithNodeTwoOption(varies: false), "--variants", "5");

        // As written node-2 fails, so 'two' does not hold; seed 1 fails node-3 instead.
        Assert.Equal(2, exit);
        Assert.Contains("option 'two' of question 'q': does not hold as written, but holds with seed 1 (node = node-3, at = 1m30s); if a variant may change it, say 'varies: true' on it", error, StringComparison.Ordinal);
        Assert.Contains("NOT declared", output, StringComparison.Ordinal);
        Assert.DoesNotContain("seed 3 ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeclaredVerdictChangeIsReportedButPasses()
    {
        var (exit, output, error) = Sim(WithNodeTwoOption(varies: true), "--variants", "5");

        Assert.True(exit == 0, error);
        Assert.Contains("option 'two' of question 'q' changes in", output, StringComparison.Ordinal);
        Assert.Contains("(declared: varies)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimSeedRunsOneVariant()
    {
        var (exit, output, error) = Sim(Text, "--seed", "1");

        Assert.True(exit == 0, error);
        Assert.Contains("variant seed 1: node = node-3, at = 1m30s", output, StringComparison.Ordinal);
        Assert.Contains("The kubelet on node-3 stops at 1m30s.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimSeedOnAScenarioWithoutVariantsIsAUsageError()
    {
        var (exit, _, error) = CliTestsRun("sim", Fixture.Path("scenarios", "grading.md"), "--seed", "2");

        Assert.Equal(2, exit);
        Assert.Contains("declares no 'variants:'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "x")]
    [InlineData("--seed", "-1")]
    [InlineData("--variants", "0")]
    public void ABadSeedOrCountIsAUsageError(string option, string value)
    {
        var (exit, _, error) = Sim(Text, option, value);

        Assert.Equal(2, exit);
        Assert.Contains($"{option} needs a whole number", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Out, string Err) CliTestsRun(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
