using System.Text.Json;
using Practice.Cli;

namespace Practice.Content.Tests;

public class CliTests
{
    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Grading => Fixture.Path("scenarios", "grading.md");

    [Fact]
    public void SimJsonPrintsTheDocumentedShape()
    {
        var (exit, output, error) = Cli("sim", Grading, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("grading", root.GetProperty("id").GetString());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal("1.34", root.GetProperty("kubernetes").GetString());
        var firstEvent = root.GetProperty("events").EnumerateArray().First();
        foreach (var field in new[] { "at", "component", "kind", "subject", "reason" })
        {
            Assert.True(firstEvent.TryGetProperty(field, out _), $"events[0] has no '{field}'");
        }
        var questions = root.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!);
        Assert.Equal("multi", questions["during"].GetProperty("kind").GetString());
        Assert.Equal([true, false, true], questions["during"].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("holds").GetBoolean()));
        Assert.Equal(JsonValueKind.Number, questions["back"].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, questions["never"].GetProperty("value").ValueKind);
        Assert.Equal(["rs", "pod", "bind", "run"], questions["chain"].GetProperty("order").EnumerateArray().Select(e => e.GetString()));
        Assert.False(questions["fix"].GetProperty("goal").GetProperty("holds").GetBoolean());
        Assert.False(questions["during"].TryGetProperty("grade", out _));
        // No course.yml beside the fixture: the module is a warning, not an error.
        Assert.Contains("warning: module 'control-plane-data-plane' is not checked", error);
    }

    [Fact]
    public void AnAnswerAddsAGradeToItsQuestion()
    {
        var (exit, output, _) = Cli("sim", Grading, "--json", "--answer", "during=pods,traffic", "--answer", "fix=cordon");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!);
        Assert.True(questions["during"].GetProperty("grade").GetProperty("correct").GetBoolean());
        Assert.False(questions["fix"].GetProperty("grade").GetProperty("correct").GetBoolean());
        Assert.Equal("cordon", questions["fix"].GetProperty("grade").GetProperty("actions")[0].GetProperty("choice").GetString());
        Assert.False(questions["which"].TryGetProperty("grade", out _));
    }

    [Fact]
    public void ABrokenFileExitsTwoWithFileLineAndColumn()
    {
        var (exit, output, error) = Cli("sim", Fixture.Path("errors", "unknown-field.md"), "--json");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("unknown-field.md:12:7: unknown field 'replcas'; did you mean 'replicas'?", error);
    }

    [Fact]
    public void AnUnknownFlagExitsTwoWithUsage()
    {
        var (exit, _, error) = Cli("sim", Grading, "--jsn");

        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--jsn'", error);
        Assert.Contains("usage:", error);
    }

    [Fact]
    public void AnAnswerThatCannotBeReadExitsTwo()
    {
        var (exit, _, error) = Cli("sim", Grading, "--answer", "during=nope");

        Assert.Equal(2, exit);
        Assert.Contains("unknown option 'nope'", error);
    }

    [Fact]
    public void SimWithoutJsonPrintsASummary()
    {
        var (exit, output, _) = Cli("sim", Grading, "--answer", "which=down");

        Assert.Equal(0, exit);
        Assert.Contains("grading: Grading fixture", output);
        Assert.Contains("answer 'down': CORRECT", output);
    }

    [Fact]
    public void ContentCheckReportsEveryErrorAndExitsTwo()
    {
        var (exit, output, error) = Cli("content", "check", Fixture.Path("content"));

        Assert.Equal(2, exit);
        Assert.Contains("duplicate scenario id 'same-id'", error);
        Assert.Contains("unknown module 'schedulng'", error);
        Assert.Contains("modules:   2", output);
        Assert.Contains("content check: FAILED with 4 errors", output);
    }

    [Fact]
    public void UnknownCommandsExitTwo()
    {
        Assert.Equal(2, Cli("simulate").Exit);
        Assert.Equal(2, Cli("content", "import").Exit);
        Assert.Equal(2, Cli().Exit);
    }

    [Fact]
    public void AnUnknownModuleIsOnlyAWarningInSim()
    {
        var (exit, _, error) = Cli("sim", Fixture.Path("content", "scenarios", "wrong-module.md"));

        Assert.Equal(0, exit);
        Assert.Contains("wrong-module.md:4:9: warning: unknown module 'schedulng'; did you mean 'scheduling'?", error);
    }

    [Fact]
    public void AContradictedExpectExitsTwoButStillShowsWhatWasMeasured()
    {
        var (exit, output, error) = Cli("sim", Fixture.Path("errors", "expect-contradicted.md"), "--json");

        Assert.Equal(2, exit);
        Assert.Contains("\"holds\": false", output);
        Assert.Contains("expect-contradicted.md:18:79: expected true but the simulation says false", error);
    }
}
