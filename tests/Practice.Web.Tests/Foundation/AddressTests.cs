using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Practice.Web.Tests.Foundation;

/// <summary>
/// Every public address answers as it did before the code moved into feature folders: same status,
/// same page title, same heading. The expected titles and headings are the fixture course's own.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class AddressTests(WebAppFixture app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/", "Home · Practice", "Know what keeps working at 3 AM.")]
    [InlineData("/learn", "Learn · Practice", "Learn")]
    [InlineData("/learn/fixture", "Fixture module · Practice", "Fixture module")]
    [InlineData("/learn/fixture/fixture-lesson", "A fixture lesson · Practice", "A fixture lesson")]
    [InlineData("/practice", "Practice · Practice", "Practice")]
    [InlineData("/practice/kubelet-stops", "The kubelet on node-2 stops · Practice", "The kubelet on node-2 stops")]
    [InlineData("/progress", "Progress · Practice", "Progress")]
    [InlineData("/teams", "Teams · Practice", "Teams")]
    public async Task EveryPageAnswersAtItsAddressWithItsTitleAndHeading(string path, string title, string heading)
    {
        var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(title, WebUtility.HtmlDecode(Title().Match(html).Groups[1].Value));
        Assert.Equal(heading, WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value));
    }

    [Fact]
    public async Task AnAnswerRedirectsToItsAttemptAddressWhichShowsTheResult()
    {
        var form = await PageForm.OpenAsync(_client, "kubelet-stops");

        var submitted = await form.SubmitAsync();
        var location = submitted.Headers.Location?.OriginalString ?? "";
        var attempt = await _client.GetAsync(location);
        var html = await attempt.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Matches("^/practice/attempts/[0-9a-f-]{36}$", location);
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Equal("Result: The kubelet on node-2 stops · Practice", WebUtility.HtmlDecode(Title().Match(html).Groups[1].Value));
        Assert.Equal("The kubelet on node-2 stops", WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value));
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex Title();

    [GeneratedRegex("<h1>([^<]*)</h1>")]
    private static partial Regex Heading();
}
