using Microsoft.Extensions.Logging;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Practice.Data;
using Practice.Testing;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// Submits while the database is away, through a proxy that resets every connection as a restart
/// does: a short outage costs latency, not an error; a longer one than the submit's retries (2 s
/// here) is said truthfully ("may have been saved"), and the learner can find out and send again.
/// </summary>
[Collection(DatabaseFaultsCollection.Name)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly FaultyTcpProxy _proxy = FaultyTcpProxy.InFrontOf(TestDatabase.BaseConnectionString);
    private readonly OutageApp _app;

    public DatabaseOutageTests() => _app = new OutageApp(_proxy);

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await _app.ImportContentAsync(WebAppFixture.FixtureContent);
    }

    public async Task DisposeAsync()
    {
        _proxy.Restore();
        await _app.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task AnOutageShorterThanTheRetriesCostsLatencyNotAnError()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = (await PageForm.OpenAsync(client, "kubelet-stops")).Set("q.side", "data");

        _proxy.Cut();
        var submitting = form.SubmitAsync();
        await Task.Delay(800);
        _proxy.Restore();
        var response = await submitting;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attempt = await _app.LoadAttemptAsync(PageForm.AttemptIdOf(response));
        Assert.Equal("data", attempt.Answers.Single(a => a.QuestionId == "side").Answer);
    }

    [Fact]
    public async Task AnOutageLongerThanTheRetriesSaysTheAnswerMayHaveBeenSavedAndHowToFindOut()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = (await PageForm.OpenAsync(client, "kubelet-stops")).Set("q.side", "control");

        _proxy.Cut();
        var refused = await form.SubmitAsync();
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        _proxy.Restore();
        var check = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/practice/kubelet-stops\\?handler=saved&key=[a-z0-9]+)\"").Groups[1].Value;
        var notSaved = WebUtility.HtmlDecode(await client.GetStringAsync(check));
        var again = await form.SubmitAsync(); // the same form, the same key
        var found = await client.GetAsync(check);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("Your answer may have been saved", page);
        Assert.Contains("The database did not answer for 2 seconds", page);
        Assert.Matches("<input[^>]*value=\"control\"[^>]*checked|<input[^>]*checked[^>]*value=\"control\"", page); // the answers as left
        Assert.Contains("That answer was not saved", notSaved);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal(again.Headers.Location, found.Headers.Location);
        Assert.Equal(AttemptStatus.Graded, (await _app.LoadAttemptAsync(PageForm.AttemptIdOf(again))).Status);
    }

    [Fact]
    public async Task APageReadDuringTheOutageSaysTheDatabaseIsAwayInOneLogLine()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        _proxy.Cut();
        var response = await client.GetAsync("/practice/kubelet-stops");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        _proxy.Restore();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The database is not answering", page);
        Assert.DoesNotContain(_app.Log.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    private sealed class OutageApp(FaultyTcpProxy proxy) : PracticeAppFactory("practice_test_outage", kestrel: false)
    {
        public ListLog Log { get; } = new();

        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Practice", proxy.Through(ConnectionString));
            builder.UseSetting("Practice:Grading:SubmitRetrySeconds", "2");
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }
}
