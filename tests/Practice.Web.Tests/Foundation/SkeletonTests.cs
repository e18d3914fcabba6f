using System.Net;

namespace Practice.Web.Tests.Foundation;

[Collection(WebAppCollection.Name)]
public sealed class SkeletonTests(WebAppFixture app)
{
    private readonly HttpClient _client = app.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task HomePageAnswersWithNavigationToEverySection()
    {
        var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (href, label) in new[] { ("/learn", "Learn"), ("/practice", "Practice"), ("/progress", "Progress"), ("/teams", "Teams") })
        {
            Assert.Contains($"<a href=\"{href}\"", html);
            Assert.Contains($">{label}</a>", html);
        }
    }

    [Theory]
    [InlineData("/learn", "Learn")]
    [InlineData("/practice", "Practice")]
    [InlineData("/progress", "Progress")]
    [InlineData("/teams", "Teams")]
    public async Task EverySectionPageAnswersWithItsHeading(string path, string heading)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadyzSaysReadyOnceTheDatabaseIsMigrated()
    {
        var response = await _client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Ready, then how far behind grading is (detail: it never makes the app unready).
        Assert.Matches(@"^ready\ngrading: (nothing pending|\d+ pending, the oldest for \d+m\d\ds)\n$", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthzAnswersWhileTheProcessIsAlive()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheFriendlyNotFoundPage()
    {
        var response = await _client.GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html);
        Assert.Contains("<nav class=\"site-nav\"", html);
    }

    [Fact]
    public async Task AnUnhandledErrorShowsTheFriendlyPageWithoutTheExceptionDetails()
    {
        var response = await _client.GetAsync(WebAppFixture.FailingPath);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("secret internal detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        foreach (var path in new[] { "/", "/no/such/page", "/healthz" })
        {
            var response = await _client.GetAsync(path);

            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }
}
