using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Questions;
using Practice.Content.Scenarios;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// One rule set: for every answer kind, the form accepts what the question kind accepts and
/// refuses what it refuses, with the same words, at the limit and one past it. The limits are the
/// fixture scenario's (3 options, 3 order items, 2 runbook choices from 3m of a 10m incident) and
/// scenario-format.md's (at most 20 runbook actions, none after the end).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AnswerLimitsTests(WebAppFixture app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    private Scenario _scenario = null!;

    public Task InitializeAsync()
    {
        var problems = new Problems();
        _scenario = Scenario.Parse(ContentFile.Read(Path.Combine(WebAppFixture.FixtureContent, "scenarios", "kubelet-stops.md")), problems)!;
        return app.ImportFixtureContentAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string[], string, bool> Limits => new()
    {
        // question, form fields (name=value), the same answer in the question's notation, accepted
        { "holds", ["q.holds=running", "q.holds=api", "q.holds=ready"], "running,api,ready", true },
        { "holds", ["q.holds=running", "q.holds=api", "q.holds=ready", "q.holds=down"], "running,api,ready,down", false },
        { "side", ["q.side=data"], "data", true },
        { "side", ["q.side=data", "q.side=control"], "data,control", false },
        // Plain decimals (no exponent); the largest power of ten a double holds, and the next.
        { "notready", [$"q.notready=1{new string('0', 308)}"], $"1{new string('0', 308)}", true },
        { "notready", [$"q.notready=1{new string('0', 309)}"], $"1{new string('0', 309)}", false },
        // One number reader for the form and the grader: invariant culture, plain decimals only.
        { "notready", ["q.notready=0.0000001"], "0.0000001", true },
        { "notready", ["q.notready=1e-07"], "1e-07", false },
        { "notready", ["q.notready=1E-07"], "1E-07", false },
        { "notready", ["q.notready=1,5"], "1,5", false },
        { "notready", ["q.notready=1e308"], "1e308", false },
        { "notready", ["q.notready=1e-320"], "1e-320", false },
        { "fix", [.. Steps(20)], string.Join(",", Enumerable.Repeat("restart", 20)), true },
        { "fix", [.. Steps(21)], string.Join(",", Enumerable.Repeat("restart", 21)), false },
        { "fix", ["q.fix.step.1=restart", "q.fix.delay.1=420"], "restart@+420s", true },
        { "fix", ["q.fix.step.1=restart", "q.fix.delay.1=421"], "restart@+421s", false },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task TheFormAndTheQuestionKindDrawTheSameLine(string questionId, string[] fields, string answer, bool accepted)
    {
        var byKind = Validate(questionId, answer);
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        foreach (var field in fields)
        {
            var (name, value) = (field[..field.IndexOf('=')], field[(field.IndexOf('=') + 1)..]);
            form.Set(name, value);
        }

        var response = await form.SubmitAsync();
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(accepted, byKind is null);
        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest, response.StatusCode);
        if (!accepted)
        {
            Assert.Contains(byKind!, html);
        }
    }

    /// <summary>What the form accepted, the grader reads as the same number: stored as typed, graded, never "unreadable".</summary>
    [Theory]
    [InlineData("0.0000001")]
    [InlineData(" 400 ")]
    [InlineData("-0.5")]
    public async Task ANumberTheFormAcceptsIsGradedAsThatNumber(string typed)
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        var response = await form.Set("q.notready", typed).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var attempt = await app.LoadAttemptAsync(PageForm.AttemptIdOf(response));
        var row = attempt.Answers.Single(a => a.QuestionId == "notready");

        Assert.Equal(Practice.Data.AttemptStatus.Graded, attempt.Status);
        Assert.Equal(typed.Trim(), row.Answer);
        Assert.False(row.Correct); // kubelet-stops: the node goes NotReady about 40 s after the stop, nowhere near these
        Assert.DoesNotContain("give a number", row.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommaForADecimalPointIsNamedInTheMessage()
    {
        Assert.Contains("use a point for decimals (1.5, not 1,5)", Validate("notready", "1,5"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "1", "2", "3" }, "created,bound,started", true)]
    [InlineData(new[] { "1", "1", "3" }, "created,created,started", false)]
    [InlineData(new[] { "1", "2", "4" }, "created,bound,started,created", false)]
    public async Task AnOrderIsAcceptedByTheFormExactlyWhenTheQuestionKindAcceptsIt(string[] positions, string answer, bool accepted)
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");
        form.Set("q.chain.created", positions[0]).Set("q.chain.bound", positions[1]).Set("q.chain.started", positions[2]);

        var response = await form.SubmitAsync();

        // Positions on the form cannot write a repeated or a fourth item; they are refused as the kind refuses those answers.
        Assert.Equal(accepted, Validate("chain", answer) is null);
        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The question kind's own verdict: null when accepted, else its message.</summary>
    private string? Validate(string questionId, string answer)
    {
        try
        {
            _scenario.Question(questionId)!.Validate(answer, _scenario.Spec.DurationMs);
            return null;
        }
        catch (AnswerException e)
        {
            return e.Message;
        }
    }

    private static IEnumerable<string> Steps(int count) =>
        Enumerable.Range(1, count).Select(i => $"q.fix.step.{i}=restart");
}
