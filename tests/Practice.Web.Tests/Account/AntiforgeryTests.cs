using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;

namespace Practice.Web.Tests.Account;

/// <summary>
/// Every form of the site carries an antiforgery token, and each one posted without it gets 400
/// and changes nothing: no account, no attempt, no profile or password change, no sign-in or
/// sign-out.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AntiforgeryTests(WebAppFixture app) : IAsyncLifetime
{
    private const string Token = "__RequestVerificationToken";

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryPostFormOnEveryPageCarriesAToken()
    {
        var visitor = new Visitor(app);
        var member = new Visitor(app);
        await member.RegisterAsync("forms@example.com");
        var attempt = await FailedAttemptAsync(member);
        var created = await (await PageForm.OpenAsync(member.Client, "/teams", "name=\"Name\"")).Set("Name", "Forms").SubmitAsync();
        var team = created.Headers.Location!.OriginalString.Split('/')[2];
        var invited = await Visitor.BodyAsync(await (await PageForm.OpenAsync(member.Client, $"/teams/{team}/manage", "name=\"days\"")).SubmitAsync());
        var join = System.Text.RegularExpressions.Regex.Match(invited, "/teams/join/[A-Za-z0-9_-]+").Value;
        var joiner = new Visitor(app);
        await joiner.RegisterAsync("joiner@example.com");
        var pages = new (Visitor Who, string Path)[]
        {
            (member, "/teams"), (member, $"/teams/{team}"), (member, $"/teams/{team}/manage"), (joiner, join),
            (visitor, "/"), (visitor, "/practice/kubelet-stops"), (visitor, "/account/register"), (visitor, "/account/sign-in"),
            (visitor, "/account/forgot-password"), (visitor, "/account/reset-password?email=forms%40example.com&token=x"),
            (member, "/account"), (member, "/account/password"), (member, "/account/sign-out"), (member, $"/practice/attempts/{attempt}"),
        };
        var forms = 0;
        foreach (var (who, path) in pages)
        {
            var html = await who.Client.GetStringAsync(path);
            foreach (var (action, form) in PageForm.PostForms(html))
            {
                forms++;
                Assert.True(form.Contains($"name=\"{Token}\"", StringComparison.Ordinal), $"a form posting to {action ?? path} on {path} has no antiforgery token");
            }
        }
        // Answer, Grade again, register, sign in, forgot, reset, profile, password, sign-out (header and page),
        // and the teams' create, invite, revoke, role, transfer, remove, delete and join forms.
        Assert.True(forms >= 20, $"only {forms} forms found");
    }

    [Fact]
    public async Task RegisterWithoutItStoresNoAccount()
    {
        var form = await PageForm.OpenAsync(new Visitor(app).Client, "/account/register", "name=\"Email\"");

        var response = await form.Without(Token).Set("Email", "csrf@example.com").Set("DisplayName", "Csrf").Set("Password", Visitor.Password).SubmitAsync();

        await AssertRefusedAsync(response);
        Assert.Equal(0, await CountAsync(db => db.Users));
    }

    [Fact]
    public async Task SignInWithoutItSignsNobodyInAndCountsNoFailure()
    {
        await new Visitor(app).RegisterAsync("target@example.com");
        var browser = new Visitor(app);
        var form = await PageForm.OpenAsync(browser.Client, "/account/sign-in", "name=\"Email\"");

        var response = await form.Without(Token).Set("Email", "target@example.com").Set("Password", Visitor.Password).SubmitAsync();

        await AssertRefusedAsync(response);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("practice_auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task SignOutWithoutItLeavesTheLearnerSignedIn()
    {
        var browser = new Visitor(app);
        await browser.RegisterAsync("stays@example.com");
        var form = await PageForm.OpenAsync(browser.Client, "/account/sign-out", "Sign out of Practice");

        var response = await form.Without(Token).SubmitAsync();

        await AssertRefusedAsync(response);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task TheProfileAndPasswordFormsWithoutItChangeNothing()
    {
        var browser = new Visitor(app);
        await browser.RegisterAsync("keeps@example.com", "Keeps");
        var profile = await PageForm.OpenAsync(browser.Client, "/account", "name=\"TimeZone\"");
        var password = await PageForm.OpenAsync(browser.Client, "/account/password", "name=\"Current\"");

        var profileResponse = await profile.Without(Token).Set("DisplayName", "Changed").Set("TimeZone", "Asia/Tokyo").SubmitAsync();
        var passwordResponse = await password.Without(Token).Set("Current", Visitor.Password).Set("Replacement", "a password set by someone else").SubmitAsync();

        await AssertRefusedAsync(profileResponse);
        await AssertRefusedAsync(passwordResponse);
        await using var scope = app.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == "keeps@example.com");
        Assert.Equal(("Keeps", "Europe/Berlin"), (user.DisplayName, user.TimeZone));
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync("keeps@example.com")).StatusCode);
    }

    [Fact]
    public async Task ForgotAndResetPasswordWithoutItChangeNothing()
    {
        await new Visitor(app).RegisterAsync("reset@example.com");
        var output = new StringWriter();
        await Practice.Web.Accounts.AdminCommand.RunAsync(["reset-link", "reset@example.com"], app.Services, output, TextWriter.Null);
        var link = new Uri(output.ToString().Split('\n').Single(l => l.StartsWith("http", StringComparison.Ordinal)).Trim());
        var browser = new Visitor(app);
        var forgot = await PageForm.OpenAsync(browser.Client, "/account/forgot-password", "name=\"Email\"");
        var reset = await PageForm.OpenAsync(browser.Client, link.PathAndQuery, "name=\"Password\"");

        await AssertRefusedAsync(await forgot.Without(Token).Set("Email", "reset@example.com").SubmitAsync());
        await AssertRefusedAsync(await reset.Without(Token).Set("Password", "a password set by someone else").SubmitAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync("reset@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await new Visitor(app).SignInAsync("reset@example.com", "a password set by someone else")).StatusCode);
    }

    [Fact]
    public async Task GradeAgainWithoutItLeavesTheAttemptFailed()
    {
        var browser = new Visitor(app);
        var attempt = await FailedAttemptAsync(browser);
        var form = await PageForm.OpenAsync(browser.Client, $"/practice/attempts/{attempt}", "Grade again");

        var response = await form.Without(Token).SubmitAsync();

        await AssertRefusedAsync(response);
        Assert.Equal(AttemptStatus.Failed, (await app.LoadAttemptAsync(attempt)).Status);
    }

    /// <summary>An attempt of this visitor whose grading failed, so its page shows the "Grade again" form.</summary>
    private async Task<Guid> FailedAttemptAsync(Visitor visitor)
    {
        var attempt = await visitor.AnswerAsync();
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        // Graded inline already: put it back to pending as a dead worker would leave it, then fail it.
        await db.Attempts.Where(a => a.Id == attempt).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AttemptStatus.Pending));
        Assert.True(await scope.ServiceProvider.GetRequiredService<AttemptSteps>().FailAsync(attempt, "the test failed it", CancellationToken.None));
        return attempt;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That request could not be understood", await Visitor.BodyAsync(response));
    }

    private async Task<int> CountAsync<T>(Func<PracticeDbContext, IQueryable<T>> set)
    {
        await using var scope = app.CreateScope();
        return await set(scope.ServiceProvider.GetRequiredService<PracticeDbContext>()).CountAsync();
    }
}
