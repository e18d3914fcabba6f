namespace Practice.Content.Tests;

/// <summary>One small broken file per class of error, each reported at its exact file:line:col.</summary>
public class ScenarioValidationTests
{
    private static void AssertProblems(string name, params string[] expected)
    {
        var path = Fixture.Path("errors", name);
        var directory = Fixture.Path("errors") + Path.DirectorySeparatorChar;
        var actual = Fixture.ScenarioProblems(path).Select(p => p.Replace(directory, "", StringComparison.Ordinal));
        Assert.Equal(expected.Select(e => $"{name}:{e}"), actual);
    }

    [Fact]
    public void AMisspeltFieldIsReportedWithTheCloseName() =>
        AssertProblems("unknown-field.md", "12:7: unknown field 'replcas'; did you mean 'replicas'?");

    [Fact]
    public void AValueOfTheWrongTypeIsReportedAtTheValue() =>
        AssertProblems("wrong-type.md", "6:13: 'difficulty' must be a whole number, not 'hard'");

    [Fact]
    public void AMissingRequiredFieldIsReportedAtItsMapping() =>
        AssertProblems("missing-required.md", "2:1: missing required field 'title'");

    [Fact]
    public void ADuplicateQuestionIdIsReported() =>
        AssertProblems("duplicate-question-id.md", "16:9: duplicate question id 'q' (first at line 11)");

    [Fact]
    public void ADuplicateOptionIdWithinAQuestionIsReported() =>
        AssertProblems("duplicate-option-id.md", "16:15: duplicate option id 'api' in question 'q' (first at line 15)");

    [Fact]
    public void AFaultOnAnUnknownNodeIsReported() =>
        AssertProblems("unknown-node.md", "11:40: unknown node 'node-9'; did you mean 'node-1'?");

    [Fact]
    public void AFaultOnAnUnknownComponentIsReported() =>
        AssertProblems("unknown-component.md", "11:25: unknown component 'kube-apiservr'; did you mean 'kube-apiserver'?");

    [Fact]
    public void AnActionOnAnUnknownWorkloadIsReported() =>
        AssertProblems("unknown-workload.md", "13:36: unknown workload 'wbe'; did you mean 'web'?");

    [Fact]
    public void AFaultAfterTheDurationIsReported() =>
        AssertProblems("after-duration.md", "10:9: the fault at 5m is after the end of the scenario (duration 3m)");

    [Fact]
    public void AQuestionWithoutOptionsIsReported() =>
        AssertProblems("no-options.md", "14:14: a multi question needs at least one option");

    [Fact]
    public void ANumberQuestionWithABooleanProbeIsReported() =>
        AssertProblems("number-probe-not-numeric.md",
            "15:12: a number question needs a probe that measures a number (a quantity at a time, or time_until), but this one holds or not");

    [Fact]
    public void AFileWithThreeErrorsReportsAllThree() =>
        AssertProblems("three-errors.md",
            "6:13: 'difficulty' must be between 1 and 5, not 9",
            "9:9: 'etcd' must be between 1 and 7, not 8",
            "12:25: unknown component 'kube-schedular'; did you mean 'kube-scheduler'?");

    [Fact]
    public void ProbeSyntaxErrorsLandOnTheirColumnInPlainAndQuotedProbes()
    {
        var path = Fixture.Path("errors", "probe-syntax.md");
        var actual = Fixture.ScenarioProblems(path);
        Assert.Equal(2, actual.Count);
        Assert.StartsWith($"{path}:19:26: ", actual[0]);
        Assert.Contains("Runing", actual[0]);
        Assert.StartsWith($"{path}:22:50: ", actual[1]);
    }

    [Fact]
    public void AProbeNamingAnUnknownServiceIsReportedAtTheName()
    {
        var path = Fixture.Path("errors", "probe-unknown-service.md");
        var actual = Fixture.ScenarioProblems(path);
        var single = Assert.Single(actual);
        // "      - { id: ok, text: Requests succeed, probe: success(wbe) ..." : the name starts at column 58.
        Assert.StartsWith($"{path}:17:58: ", single);
        Assert.Contains("wbe", single);
    }
}
