using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Practice.Testing;

namespace Practice.Web.Tests.Account;

/// <summary>The limits on sign-in and submitting, on an app of their own with low limits (3 sign-ins, 2 submits a minute).</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly LimitedApp _app = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        await _app.ImportContentAsync(WebAppFixture.FixtureContent);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheFourthSignInAMinuteGets429WithRetryAfterEvenFromASpoofedForwardedAddress()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SignInAsync(client, null)).StatusCode);
        }
        var limited = await SignInAsync(client, null);
        // The same client claiming to come from elsewhere: no known proxy is configured, so the header is not believed.
        var spoofed = await SignInAsync(client, "203.0.113.7");
        var reading = await client.GetAsync("/account/sign-in");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var page = await limited.Content.ReadAsStringAsync();
        Assert.Contains("Too many tries", page);
        // The page says how long, in words, from the same Retry-After.
        Assert.Contains(retryAfter == 1 ? "Wait a second and try again." : $"Wait {retryAfter} seconds and try again.", page);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode); // reading the page is not limited
    }

    [Fact]
    public async Task TheThirdSubmitAMinuteByOneLearnerGets429()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await (await PageForm.OpenAsync(client, "scheduler-stops")).Set("q.plane", "control").SubmitAsync()).StatusCode);
        }
        var other = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var someoneElse = await (await PageForm.OpenAsync(other, "scheduler-stops")).Set("q.plane", "control").SubmitAsync();

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Redirect, someoneElse.StatusCode); // another learner has a limit of their own
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string? forwardedFor)
    {
        var form = await PageForm.OpenAsync(client, "/account/sign-in", "name=\"Email\"");
        form.Set("Email", "nobody@example.com").Set("Password", "wrong wrong wrong");
        if (forwardedFor is null)
        {
            return await form.SubmitAsync();
        }
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        try
        {
            return await form.SubmitAsync();
        }
        finally
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        }
    }

    private sealed class LimitedApp() : PracticeAppFactory("practice_test_limits", kestrel: false)
    {
        protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Practice:RateLimits:SignInPerMinute", "3");
            builder.UseSetting("Practice:RateLimits:SubmitPerMinute", "2");
            builder.UseSetting("Practice:Grading:InlineCostLimit", "10000");
        }
    }
}
