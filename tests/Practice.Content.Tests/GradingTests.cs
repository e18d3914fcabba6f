using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Questions;
using Practice.Content.Scenarios;

namespace Practice.Content.Tests;

/// <summary>Answers of every kind graded against the simulation of a small fixture scenario.</summary>
public class GradingTests
{
    private static readonly Lazy<ScenarioRun> Run = new(() => ScenarioGrader.Run(Fixture.Scenario(Fixture.Path("scenarios", "grading.md"))));

    private static QuestionGrade Grade(string question, string answer) => ScenarioGrader.Grade(Run.Value, question, answer);

    [Fact]
    public void TheFixtureScenarioPassesItsOwnChecks()
    {
        var problems = new Problems();

        ScenarioGrader.Check(Fixture.Scenario(Fixture.Path("scenarios", "grading.md")), problems);

        Assert.Empty(problems.All.Select(p => p.ToString()));
    }

    [Fact]
    public void AMultiAnswerIsRightOnlyWithExactlyTheHoldingOptions()
    {
        Assert.True(Grade("during", "pods,traffic").Correct);
        Assert.True(Grade("during", "traffic, pods").Correct);
        Assert.False(Grade("during", "pods").Correct);
        Assert.False(Grade("during", "pods,traffic,kubectl").Correct);
        Assert.Equal("pods,traffic", Grade("during", "").CorrectAnswer);
    }

    [Fact]
    public void ASingleAnswerIsRightWhenTheChosenOptionHolds()
    {
        Assert.True(Grade("which", "down").Correct);
        Assert.False(Grade("which", "up").Correct);
    }

    [Fact]
    public void ANumberAnswerIsRightWithinTheTolerance()
    {
        var measured = ((NumberOutcome)Run.Value.Outcome("back")).Value!.Value;

        Assert.True(Grade("back", (measured * 1.05).ToString(System.Globalization.CultureInfo.InvariantCulture)).Correct);
        Assert.False(Grade("back", (measured * 1.5 + 5).ToString(System.Globalization.CultureInfo.InvariantCulture)).Correct);
        Assert.False(Grade("back", "never").Correct);
    }

    [Fact]
    public void NeverIsTheRightAnswerWhenTheConditionNeverHolds()
    {
        Assert.True(((NumberOutcome)Run.Value.Outcome("never")).IsNever);
        Assert.True(Grade("never", "never").Correct);
        Assert.False(Grade("never", "30").Correct);
        Assert.Equal("never", Grade("never", "30").CorrectAnswer);
    }

    [Fact]
    public void AnOrderAnswerIsRightInTraceOrder()
    {
        var order = ((OrderOutcome)Run.Value.Outcome("chain")).Order;

        Assert.Equal(["rs", "pod", "bind", "run"], order);
        Assert.True(Grade("chain", "rs,pod,bind,run").Correct);
        Assert.False(Grade("chain", "pod,rs,bind,run").Correct);
    }

    [Fact]
    public void ARunbookPassesWhenEveryGoalHoldsOnTheReRun()
    {
        var right = Grade("fix", "scale");
        var wrong = Grade("fix", "cordon");
        var nothing = Grade("fix", "");

        Assert.True(right.Correct, string.Join("\n", right.Explanations));
        Assert.Equal([new ScheduledAction("scale", 150_000)], right.Replay!.Actions);
        Assert.False(wrong.Correct);
        Assert.False(nothing.Correct);
        Assert.Equal("scale", right.CorrectAnswer);
    }

    [Fact]
    public void RunbookDelaysAddUpFromTheQuestionsTime()
    {
        var grade = Grade("fix", "cordon@+10s,scale@+30s");

        Assert.Equal([new ScheduledAction("cordon", 160_000), new ScheduledAction("scale", 190_000)], grade.Replay!.Actions);
        Assert.True(grade.Correct);
    }

    [Theory]
    [InlineData("during", "pods,nope", "unknown option 'nope'")]
    [InlineData("which", "up,down", "give exactly one option id")]
    [InlineData("back", "soon", "give a number")]
    [InlineData("chain", "rs,pod", "list every item once")]
    [InlineData("fix", "restart", "unknown choice 'restart'")]
    [InlineData("fix", "scale@30s", "a delay is written")]
    [InlineData("fix", "scale@+5m", "after the end of the scenario")]
    [InlineData("nope", "x", "unknown question 'nope'")]
    public void AnAnswerThatCannotBeReadSaysWhy(string question, string answer, string message)
    {
        var error = Assert.Throws<AnswerException>(() => Grade(question, answer));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void MoreThanTwentyActionsAreRefused()
    {
        var error = Assert.Throws<AnswerException>(() => Grade("fix", string.Join(",", Enumerable.Repeat("cordon", 21))));

        Assert.Contains("at most 20 actions", error.Message);
    }

    [Fact]
    public void AnExpectTheSimulationContradictsIsReportedWithWhatItMeasured()
    {
        var path = Fixture.Path("errors", "expect-contradicted.md");
        var problems = new Problems();

        ScenarioGrader.Check(Fixture.Scenario(path), problems);

        var problem = Assert.Single(problems.All).ToString();
        Assert.StartsWith($"{path}:18:79: expected true but the simulation says false: ", problem);
    }

    [Fact]
    public void ASingleQuestionWithTwoHoldingOptionsIsReported()
    {
        var path = Fixture.Path("errors", "single-two-hold.md");
        var problems = new Problems();

        ScenarioGrader.Check(Fixture.Scenario(path), problems);

        Assert.Equal(
            [$"{path}:11:5: single question 'q' needs exactly one option that holds, but the simulation says 2 do: api, quorum"],
            problems.All.Select(p => p.ToString()));
    }
}
