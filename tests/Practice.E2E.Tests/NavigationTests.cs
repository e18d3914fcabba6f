using Microsoft.Playwright;

namespace Practice.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class NavigationTests(BrowserFixture app)
{
    [Fact]
    public async Task HomePageOpensInChromiumAndTheLearnLinkLeadsToTheCourse()
    {
        var (page, problems) = await app.NewPageAsync();

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("3 AM");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "home.png"), FullPage = true });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Learn" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/learn$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Learn");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Learn" })).ToHaveAttributeAsync("aria-current", "page");
        Assert.Empty(problems);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class JobsDashboardTests(BrowserFixture app)
{
    [Fact]
    public async Task ALoopbackCallerIsNotTrustedAndIsSentToSignIn()
    {
        // Behind a reverse proxy on the same host every caller is loopback: only the admin role opens the dashboard.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };

        var response = await client.GetAsync("/admin/jobs");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }
}
