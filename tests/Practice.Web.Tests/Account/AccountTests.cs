using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Accounts;
using Practice.Web.Infrastructure;

namespace Practice.Web.Tests.Account;

/// <summary>Accounts on real Postgres through the real forms: anonymous first, the merge, lockout, the dashboard, the admin verbs.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AccountTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AttemptsMadeBeforeRegisteringBelongToTheAccountAfterIt()
    {
        var browser = new Visitor(app);
        var before = await browser.AnswerAsync();

        var registered = await browser.RegisterAsync("ada@example.com", "Ada Lovelace", timeZone: "America/New_York");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/account?welcome=1", registered.Headers.Location!.OriginalString);
        var user = await UserAsync("ada@example.com");
        Assert.Equal("America/New_York", user.TimeZone);
        var attempt = await app.LoadAttemptAsync(before);
        Assert.Equal(user.Id, attempt.UserId);
        Assert.Equal(user.LearnerId, attempt.LearnerId);
        Assert.All(attempt.Answers, answer => Assert.Equal(user.LearnerId, answer.LearnerId));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync($"/practice/attempts/{before}")).StatusCode);
        var account = await Visitor.BodyAsync(await browser.Client.GetAsync("/account?welcome=1"));
        Assert.Contains("Welcome, Ada Lovelace", account);
        Assert.Contains("aria-label=\"Signed in as Ada Lovelace\"", account);
    }

    [Fact]
    public async Task AfterSignOutTheBrowserStartsAfreshAndSigningInAgainBringsItsNewAttemptsAlong()
    {
        var browser = new Visitor(app);
        await browser.RegisterAsync("grace@example.com", "Grace");
        var signedIn = await browser.AnswerAsync();
        var signedOut = await browser.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // Signed out, the account's attempt is not this browser's any more; a new one is anonymous.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/practice/attempts/{signedIn}")).StatusCode);
        var anonymous = await browser.AnswerAsync("control");
        Assert.Null((await app.LoadAttemptAsync(anonymous)).UserId);
        var signIn = await browser.SignInAsync("grace@example.com");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var user = await UserAsync("grace@example.com");
        Assert.Equal(user.Id, (await app.LoadAttemptAsync(anonymous)).UserId);
        Assert.Equal(user.Id, (await app.LoadAttemptAsync(signedIn)).UserId);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync($"/practice/attempts/{anonymous}")).StatusCode);
    }

    [Fact]
    public async Task ASecondAccountGets404ForTheFirstOnesAttemptAndCannotGradeItAgain()
    {
        var first = new Visitor(app);
        await first.RegisterAsync("first@example.com", "First");
        var attempt = await first.AnswerAsync();
        var second = new Visitor(app);
        await second.RegisterAsync("second@example.com", "Second");

        var page = await second.Client.GetAsync($"/practice/attempts/{attempt}");
        var token = (await PageForm.OpenAsync(second.Client, "kubelet-stops"))["__RequestVerificationToken"];
        var retry = await second.Client.PostAsync($"/practice/attempts/{attempt}?handler=Retry",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync($"/practice/attempts/{attempt}")).StatusCode);
    }

    [Fact]
    public async Task TwoBrowsersRacingSignInsWithOneAnonymousCookieLeaveEveryAttemptInExactlyOneAccount()
    {
        await new Visitor(app).RegisterAsync("racer-a@example.com");
        await new Visitor(app).RegisterAsync("racer-b@example.com");
        var a = await UserAsync("racer-a@example.com");
        var b = await UserAsync("racer-b@example.com");
        for (var round = 0; round < 5; round++)
        {
            var cookies = new System.Net.CookieContainer();
            var original = Browser(cookies);
            var ids = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                var submitted = await (await PageForm.OpenAsync(original, "kubelet-stops")).Set("q.side", "data").SubmitAsync();
                ids.Add(PageForm.AttemptIdOf(submitted));
            }
            var anonymous = cookies.GetAllCookies().Single(c => c.Name == LearnerIdentity.CookieName);
            // Two more browsers carry the same anonymous cookie (copied, as a synced profile would).
            var (left, right) = (Browser(WithCookie(anonymous)), Browser(WithCookie(anonymous)));
            var leftForm = await PageForm.OpenAsync(left, "/account/sign-in", "name=\"Email\"");
            var rightForm = await PageForm.OpenAsync(right, "/account/sign-in", "name=\"Email\"");

            var signIns = await Task.WhenAll(
                leftForm.Set("Email", "racer-a@example.com").Set("Password", Visitor.Password).SubmitAsync(),
                rightForm.Set("Email", "racer-b@example.com").Set("Password", Visitor.Password).SubmitAsync());

            Assert.All(signIns, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
            var attempts = await Task.WhenAll(ids.Select(app.LoadAttemptAsync));
            var owner = Assert.Single(attempts.Select(x => x.UserId).Distinct());
            var winner = owner == a.Id ? a : owner == b.Id ? b : throw new Xunit.Sdk.XunitException($"round {round}: attempts in {owner}");
            Assert.All(attempts, x => Assert.Equal(winner.LearnerId, x.LearnerId));
            Assert.All(attempts.SelectMany(x => x.Answers), answer => Assert.Equal(winner.LearnerId, answer.LearnerId));
            var loser = winner == a ? right : left;
            foreach (var id in ids)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await loser.GetAsync($"/practice/attempts/{id}")).StatusCode);
            }
        }
        await using var scope = app.CreateScope();
        Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LearnerMerges.CountAsync());
    }

    [Fact]
    public async Task AnAnonymousIdMergedIntoOneAccountIsNeverMergedIntoAnother()
    {
        var learner = Guid.NewGuid();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Grading.PendingAttempts.StoreAsync(app, "kubelet-stops", new Dictionary<string, string> { ["side"] = "data" }, TimeSpan.Zero, learner));
        }
        await new Visitor(app).RegisterAsync("once-a@example.com");
        await new Visitor(app).RegisterAsync("once-b@example.com");
        var a = await UserAsync("once-a@example.com");
        var b = await UserAsync("once-b@example.com");

        var first = await MergeAsync(learner, a);
        var again = await MergeAsync(learner, a);
        var elsewhere = await MergeAsync(learner, b);

        Assert.Equal((3, 0, 0), (first, again, elsewhere));
        foreach (var id in ids)
        {
            Assert.Equal(a.Id, (await app.LoadAttemptAsync(id)).UserId);
        }
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountAgainstTheRightOneUntilTheLockoutEnds()
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync("locked@example.com");
        var guesser = new Visitor(app);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await guesser.SignInAsync("locked@example.com", $"wrong password {i}")).StatusCode);
        }
        var fifth = await guesser.SignInAsync("locked@example.com", "wrong password 4");
        var right = await guesser.SignInAsync("locked@example.com");
        app.Clock.Offset = TimeSpan.FromMinutes(14);
        var stillLocked = await guesser.SignInAsync("locked@example.com");
        app.Clock.Offset = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1);
        var afterLockout = await guesser.SignInAsync("locked@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, fifth.StatusCode);
        Assert.Contains("this account is locked for 15 minutes", await Visitor.BodyAsync(fifth));
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("this account is locked for 15 minutes", await Visitor.BodyAsync(right));
        Assert.Equal(HttpStatusCode.BadRequest, stillLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
    }

    [Fact]
    public async Task AShortPasswordOrABadAddressIsRefusedAndCreatesNoAccount()
    {
        var browser = new Visitor(app);

        var shortPassword = await browser.RegisterAsync("weak@example.com", password: "nine char");
        var badAddress = await browser.RegisterAsync("not-an-address");
        var noName = await browser.RegisterAsync("noname@example.com", displayName: "  ");

        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Contains("Passwords must be at least 10 characters", await Visitor.BodyAsync(shortPassword));
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Contains("Enter an e-mail address", await Visitor.BodyAsync(badAddress));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("Choose a display name.", await Visitor.BodyAsync(noName));
        // No composition rules: ten letters and spaces are a good password.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.RegisterAsync("plain@example.com", password: "abcde fghi")).StatusCode);
        await using var scope = app.CreateScope();
        Assert.Equal(["plain@example.com"], await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.Select(u => u.Email).ToListAsync());
    }

    [Fact]
    public async Task APageThatNeedsAnAccountSendsToSignInAndBack()
    {
        await new Visitor(app).RegisterAsync("back@example.com");
        var browser = new Visitor(app);

        var account = await browser.Client.GetAsync("/account");
        var signInPage = await Visitor.BodyAsync(await browser.Client.GetAsync(account.Headers.Location!.PathAndQuery));
        var form = await PageForm.OpenAsync(browser.Client, account.Headers.Location!.PathAndQuery, "name=\"Email\"");
        var signedIn = await form.Set("Email", "back@example.com").Set("Password", Visitor.Password).SubmitAsync();
        var offSite = await (await PageForm.OpenAsync(new Visitor(app).Client, "/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F", "name=\"Email\""))
            .Set("Email", "back@example.com").Set("Password", Visitor.Password).SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Faccount", account.Headers.Location!.PathAndQuery);
        Assert.Contains("That page needs an account", signInPage);
        Assert.Equal("/account", signedIn.Headers.Location!.OriginalString);
        Assert.Equal("/practice", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheHeadersSignInLinkReturnsToThePageItWasOnWithoutSayingItWasNeeded()
    {
        await new Visitor(app).RegisterAsync("header@example.com");
        var browser = new Visitor(app);

        var page = await Visitor.BodyAsync(await browser.Client.GetAsync("/practice/kubelet-stops"));
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/account/sign-in[^\"]*)\"").Groups[1].Value;
        var signInPage = await Visitor.BodyAsync(await browser.Client.GetAsync(link));
        var signedIn = await (await PageForm.OpenAsync(browser.Client, link, "name=\"Email\""))
            .Set("Email", "header@example.com").Set("Password", Visitor.Password).SubmitAsync();

        Assert.Equal("/account/sign-in?from=%2Fpractice%2Fkubelet-stops", link);
        Assert.DoesNotContain("That page needs an account", signInPage);
        Assert.Equal("/practice/kubelet-stops", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheProfileSavesAKnownTimeZoneAndRefusesAnUnknownOneChangingNothing()
    {
        var browser = new Visitor(app);
        await browser.RegisterAsync("zone@example.com", "Zed", timeZone: "not/a-zone");
        Assert.Equal("UTC", (await UserAsync("zone@example.com")).TimeZone);

        var refused = await (await PageForm.OpenAsync(browser.Client, "/account", "name=\"TimeZone\""))
            .Without("DisplayName").Set("DisplayName", "Zed Two").Set("TimeZone", "Mars/Olympus_Mons").SubmitAsync();
        var saved = await (await PageForm.OpenAsync(browser.Client, "/account", "name=\"TimeZone\""))
            .Set("DisplayName", "Zed Two").Set("TimeZone", "Asia/Kolkata").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose a time zone from the list.", await Visitor.BodyAsync(refused));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Your profile is saved.", await Visitor.BodyAsync(saved));
        var user = await UserAsync("zone@example.com");
        Assert.Equal(("Zed Two", "Asia/Kolkata"), (user.DisplayName, user.TimeZone));
        Assert.Contains("aria-label=\"Signed in as Zed Two\"", await Visitor.BodyAsync(await browser.Client.GetAsync("/practice")));
    }

    [Fact]
    public async Task TheJobsDashboardSendsVisitorsToSignInRefusesLearnersAndOpensForAdministrators()
    {
        var visitor = new Visitor(app);
        var learner = new Visitor(app);
        await learner.RegisterAsync("learner@example.com");
        var admin = new Visitor(app);
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(["create", "root@example.com"], app.Services, output, new StringWriter()));
        var oneTime = OneTimePassword(output);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("root@example.com", oneTime)).StatusCode);

        // The one-time password must be replaced before anything else, the dashboard included.
        var beforeChange = await admin.Client.GetAsync("/admin/jobs");
        Assert.Equal("/account/password", beforeChange.Headers.Location!.OriginalString);
        Assert.Contains("You signed in with a one-time password", await Visitor.BodyAsync(await admin.Client.GetAsync("/account/password")));
        var change = await (await PageForm.OpenAsync(admin.Client, "/account/password", "name=\"Current\""))
            .Set("Current", oneTime).Set("Replacement", "the administrator's own passphrase").SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var anonymous = await visitor.Client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fadmin%2Fjobs", anonymous.Headers.Location!.PathAndQuery);
        var refused = await learner.Client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Not allowed", await Visitor.BodyAsync(refused));
        var dashboard = await admin.Client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire Dashboard", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/jobs/jobs/succeeded")).StatusCode);
    }

    [Fact]
    public async Task AdminCreatePromotesAnExistingAccountWithoutTouchingItsPassword()
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync("taken@example.com");
        var output = new StringWriter();

        var promoted = await AdminCommand.RunAsync(["create", "taken@example.com"], app.Services, output, new StringWriter());

        Assert.Equal(0, promoted);
        Assert.Contains("taken@example.com is an administrator; its password is unchanged", output.ToString());
        Assert.DoesNotContain("One-time password", output.ToString());
        var again = new Visitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("taken@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task AResetLinkPrintedByTheAdminVerbSetsANewPasswordOnceAndEndsALockout()
    {
        await new Visitor(app).RegisterAsync("forgetful@example.com");
        for (var i = 0; i < 5; i++)
        {
            await new Visitor(app).SignInAsync("forgetful@example.com", "not the password");
        }
        var output = new StringWriter();
        var errors = new StringWriter();

        var missing = await AdminCommand.RunAsync(["reset-link", "nobody@example.com"], app.Services, output, errors);
        var link = await AdminCommand.RunAsync(["reset-link", "forgetful@example.com"], app.Services, output, errors);
        var url = new Uri(output.ToString().Split('\n').Single(l => l.StartsWith("http", StringComparison.Ordinal)).Trim());
        var reset = await (await PageForm.OpenAsync(new Visitor(app).Client, url.PathAndQuery, "name=\"Password\""))
            .Set("Password", "a brand new passphrase").SubmitAsync();
        var reused = await (await PageForm.OpenAsync(new Visitor(app).Client, url.PathAndQuery, "name=\"Password\""))
            .Set("Password", "yet another passphrase").SubmitAsync();

        Assert.Equal(1, missing);
        Assert.Contains("no account has the address nobody@example.com", errors.ToString());
        Assert.Equal(0, link);
        Assert.Equal("/account/reset-password", url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Your password is changed.", await Visitor.BodyAsync(reset));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("That reset link is not valid or has expired", await Visitor.BodyAsync(reused));
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync("forgetful@example.com", "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task ForgotPasswordWritesAWorkingLinkToTheLogAndSaysTheSameForAnUnknownAddress()
    {
        await new Visitor(app).RegisterAsync("asked@example.com");
        var browser = new Visitor(app);

        var known = await (await PageForm.OpenAsync(browser.Client, "/account/forgot-password", "name=\"Email\"")).Set("Email", "asked@example.com").SubmitAsync();
        var unknown = await (await PageForm.OpenAsync(browser.Client, "/account/forgot-password", "name=\"Email\"")).Set("Email", "stranger@example.com").SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var said = await Visitor.BodyAsync(known);
        Assert.Contains("If an account has that address, a link to choose a new password has been made.", said);
        Assert.Equal(System.Text.RegularExpressions.Regex.Match(said, "<main.*</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Value,
            System.Text.RegularExpressions.Regex.Match(await Visitor.BodyAsync(unknown), "<main.*</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
        var logged = Assert.Single(app.Logs.Lines, l => l.StartsWith("Password reset asked for", StringComparison.Ordinal) && l.Contains("asked@example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("stranger@example.com", StringComparison.Ordinal));
        var link = new Uri(logged[(logged.IndexOf("http", StringComparison.Ordinal))..]);
        var reset = await (await PageForm.OpenAsync(new Visitor(app).Client, link.PathAndQuery, "name=\"Password\"")).Set("Password", "set from the logged link").SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync("asked@example.com", "set from the logged link")).StatusCode);
    }

    [Theory]
    [InlineData(new[] { "create" }, 2, "usage: admin create EMAIL | admin reset-link EMAIL")]
    [InlineData(new[] { "remove", "a@example.com" }, 2, "usage: admin create EMAIL | admin reset-link EMAIL")]
    [InlineData(new[] { "create", "not an address" }, 2, "'not an address' is not an e-mail address")]
    public async Task AdminVerbsRefuseBadArgumentsAndCreateNothing(string[] args, int status, string message)
    {
        var errors = new StringWriter();

        var result = await AdminCommand.RunAsync(args, app.Services, TextWriter.Null, errors);

        Assert.Equal(status, result);
        Assert.Contains(message, errors.ToString());
        await using var scope = app.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.CountAsync());
    }

    private HttpClient Browser(System.Net.CookieContainer cookies) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    private static System.Net.CookieContainer WithCookie(Cookie cookie)
    {
        var container = new System.Net.CookieContainer();
        container.Add(new Cookie(cookie.Name, cookie.Value, "/", "localhost"));
        return container;
    }

    private static string OneTimePassword(StringWriter output) =>
        output.ToString().Split('\n').Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..].Trim();

    private async Task<PracticeUser> UserAsync(string email)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private async Task<int> MergeAsync(Guid learner, PracticeUser user)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AttemptMerge>().MergeAsync(learner, user, CancellationToken.None);
    }
}
