using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Practice.Web.Importing;

namespace Practice.Web.Tests.Learn;

[Collection(WebAppCollection.Name)]
public sealed class LearnPagesTests(WebAppFixture app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();

    public async Task InitializeAsync()
    {
        await app.ResetDatabaseAsync();
        await using var scope = app.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(ContentSnapshots.Course(), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheCoursePageListsModulesWithTheirLessonsInOrder()
    {
        var html = await _client.GetStringAsync("/learn");

        Assert.Contains("The control plane and the data plane", html);
        Assert.True(html.IndexOf("The split", StringComparison.Ordinal) < html.IndexOf("At 3 AM", StringComparison.Ordinal));
        Assert.Contains("2 scenarios", html);
    }

    [Fact]
    public async Task TheModulePageListsItsLessonsAndScenarios()
    {
        var html = await _client.GetStringAsync("/learn/control-plane-data-plane");

        Assert.Contains("href=\"/learn/control-plane-data-plane/split\"", html);
        Assert.Contains("href=\"/practice/apiserver-down\"", html);
        Assert.Contains("href=\"/practice?module=control-plane-data-plane\"", html);
    }

    [Fact]
    public async Task ALessonPageShowsItsTextTableOfContentsAndNeighbours()
    {
        var html = await _client.GetStringAsync("/learn/control-plane-data-plane/split");

        Assert.Contains("The split body", html);
        Assert.Contains("<a href=\"#why-it-matters\">Why it matters</a>", html);
        Assert.Contains("rel=\"next\" href=\"/learn/control-plane-data-plane/at-3am\"", html);
        Assert.DoesNotContain("rel=\"prev\"", html);
    }

    [Theory]
    [InlineData("/learn/no-such-module")]
    [InlineData("/learn/control-plane-data-plane/no-such-lesson")]
    public async Task AnUnknownModuleOrLessonIsNotFound(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
