using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// A scenario with variants (fixture kubelet-variants: the kubelet stops on {node}, one of
/// node-1..node-3) through the real form on real Postgres. SplitMix64 seeded with 1 first gives
/// 2 mod 3 (node-3), seeded with 3 gives 0 mod 3 (node-1): hand-computed from the published generator.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class VariantGradingTests(WebAppFixture app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoAttemptsWithDifferentSeedsAreGradedAgainstTheirOwnVariant()
    {
        var nodeThree = await PageForm.OpenAsync(_client, "/practice/kubelet-variants?variant=1", "name=\"idempotency\"");
        var nodeOne = await PageForm.OpenAsync(_client, "/practice/kubelet-variants?variant=3", "name=\"idempotency\"");

        // The same answers to both: right for the variant where node-3 fails, wrong where node-1 does.
        var first = await SubmitAndLoadAsync(nodeThree.Set("q.which", "n3").Set("q.named", "notready"));
        var second = await SubmitAndLoadAsync(nodeOne.Set("q.which", "n3").Set("q.named", "notready"));

        Assert.Equal((1, 2), (first.VariantSeed, first.Correct));
        Assert.Equal((3, 1), (second.VariantSeed, second.Correct));
        Assert.Equal("n1", AnswerDetail.FromJson(second.Answers.Single(a => a.QuestionId == "which").DetailJson!).CorrectAnswer);
        Assert.True(second.Answers.Single(a => a.QuestionId == "named").Correct);

        // Each variant's own run was stored when its attempt was recorded; showing the result simulates nothing.
        await using (var scope = app.CreateScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().SimulationRuns
                .Where(r => r.Key.Contains(":base:x")).Select(r => r.Key).ToListAsync();
            Assert.Contains(ScenarioLibrary.BaseRunKey(first.ScenarioVersionId) + ScenarioLibrary.VariantKey(
                Content.Scenarios.Scenario.Parse(Content.ContentFile.Read(Path.Combine(WebAppFixture.FixtureContent, "scenarios", "kubelet-variants.md")), new())!.AtSeed(1)), keys);
        }
        using var counter = new SimulationRunCounter("kubelet-variants");

        // Each result shows the variant that was answered, in its prompts and explanation.
        var result = await _client.GetStringAsync($"/practice/attempts/{first.Id}");
        Assert.Contains("You answered variant 1: node = node-3.", result);
        Assert.Contains("The kubelet on node-3 stops at 1m. Which hold at 3m?", result);
        Assert.Contains("marked node-3 NotReady", result);
        Assert.Contains("href=\"/practice/kubelet-variants?variant=1\">This variant again</a>", result);
        var other = await _client.GetStringAsync($"/practice/attempts/{second.Id}");
        Assert.Contains("You answered variant 3: node = node-1.", other);
        Assert.Contains("The kubelet on node-1 stops at 1m.", other);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task EachVisitDrawsAVariantAndTheFormCarriesIt()
    {
        var html = await _client.GetStringAsync("/practice/kubelet-variants");

        var seed = int.Parse(VariantField().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seed, 1, 999_999);
        Assert.Contains($"Variant {seed}: node = node-", html);
        // The scenario as written is variant 0, and can be asked for.
        var asWritten = await _client.GetStringAsync("/practice/kubelet-variants?variant=0");
        Assert.Contains("The kubelet on node-1 stops at 1m.", asWritten);
        // A scenario without variants sends none.
        Assert.DoesNotContain("name=\"variant\"", await _client.GetStringAsync("/practice/kubelet-stops"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-1")]
    [InlineData("1000000")]
    public async Task AVariantThatCannotExistIsRefusedAndNothingIsStored(string variant)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/practice/kubelet-variants?variant={Uri.EscapeDataString(variant)}")).StatusCode);
        var form = await PageForm.OpenAsync(_client, "/practice/kubelet-variants?variant=1", "name=\"idempotency\"");
        var before = await CountAttemptsAsync();

        var response = await form.Without("variant").Set("variant", variant).Set("q.which", "n3").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountAttemptsAsync());
    }

    [Fact]
    public async Task RetryingWhatIGotWrongAsksAboutTheSameVariant()
    {
        var form = await PageForm.OpenAsync(_client, "/practice/kubelet-variants?variant=1", "name=\"idempotency\"");
        var wrong = await SubmitAndLoadAsync(form.Set("q.which", "n1").Set("q.named", "notready"));

        var retry = await _client.GetStringAsync($"/practice/kubelet-variants?retry={wrong.Id}");

        Assert.Contains("name=\"variant\" value=\"1\"", retry);
        Assert.Contains("Variant 1: node = node-3.", retry);
    }

    [GeneratedRegex("name=\"variant\" value=\"(\\d+)\"")]
    private static partial Regex VariantField();

    private async Task<Attempt> SubmitAndLoadAsync(PageForm form)
    {
        var response = await form.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = PageForm.AttemptIdOf(response);
        // A bound on waiting, not a speed claim: this small scenario is graded inline.
        for (var i = 0; i < 600; i++)
        {
            var attempt = await app.LoadAttemptAsync(id);
            if (attempt.Status != AttemptStatus.Pending)
            {
                Assert.Equal(AttemptStatus.Graded, attempt.Status);
                return attempt;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"attempt {id} was not graded");
    }

    private async Task<int> CountAttemptsAsync()
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.CountAsync();
    }
}
