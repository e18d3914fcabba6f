using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Practice.Web.Tests.Account;

/// <summary>
/// Every route that carries an id, in one table: its owner gets the page, a second account gets
/// 404 (as if it did not exist), a visitor is sent to sign in or gets 404. A feature that adds such
/// a route adds its row here.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessTableTests(WebAppFixture app) : IAsyncLifetime
{
    private enum Visitor404OrSignIn { NotFound, SignIn }

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheOwnerGetsEachPageASecondAccount404AndAVisitorSignInOr404()
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync("access-owner@example.com", "Olu");
        var attempt = await owner.AnswerAsync();
        var created = await (await PageForm.OpenAsync(owner.Client, "/teams", "name=\"Name\"")).Set("Name", "Access team").SubmitAsync();
        var team = created.Headers.Location!.OriginalString.Split('/')[2];
        var console = (await (await PageForm.OpenAsync(owner.Client, $"/teams/{team}/live/new", "Open the lobby")).Set("LiveScenarios", "scheduler-stops").Set("TimeLimit", "30").SubmitAsync())
            .Headers.Location!.OriginalString;
        var session = console.Replace("/host", "", StringComparison.Ordinal);
        var open = (await (await PageForm.OpenAsync(owner.Client, "/exams", "Start Fixture check")).SubmitAsync()).Headers.Location!.OriginalString;
        var ended = (await (await PageForm.OpenAsync(owner.Client, "/exams", "Start Fixture check")).SubmitAsync()).Headers.Location!.OriginalString;
        await using (var scope = app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Practice.Web.Exams.ExamService>().EndAsync(Guid.Parse(ended.Split('/')[3]), "submitted", CancellationToken.None);
        }
        var second = new Visitor(app);
        await second.RegisterAsync("access-second@example.com", "Sam");
        var visitor = new Visitor(app);
        await visitor.Client.GetAsync("/");

        (string Path, Visitor404OrSignIn Visitor)[] table =
        [
            ($"/practice/attempts/{attempt}", Visitor404OrSignIn.NotFound),
            ($"/practice/kubelet-stops?retry={attempt}", Visitor404OrSignIn.NotFound),
            ($"/teams/{team}", Visitor404OrSignIn.SignIn),
            ($"/teams/{team}/manage", Visitor404OrSignIn.SignIn),
            ($"/teams/{team}/export", Visitor404OrSignIn.SignIn),
            ($"/teams/{team}/live/new", Visitor404OrSignIn.SignIn),
            (console, Visitor404OrSignIn.SignIn),
            (session, Visitor404OrSignIn.SignIn),
            ($"{session}/results.csv", Visitor404OrSignIn.SignIn),
            (open, Visitor404OrSignIn.NotFound),
            ($"{ended}/result", Visitor404OrSignIn.NotFound),
        ];
        foreach (var (path, expected) in table)
        {
            var mine = await owner.Client.GetAsync(path);
            var theirs = await second.Client.GetAsync(path);
            var anonymous = await visitor.Client.GetAsync(path);

            Assert.True(mine.StatusCode == HttpStatusCode.OK, $"{path}: the owner got {(int)mine.StatusCode}");
            Assert.True(theirs.StatusCode == HttpStatusCode.NotFound, $"{path}: a second account got {(int)theirs.StatusCode}");
            if (expected == Visitor404OrSignIn.SignIn)
            {
                Assert.True(anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal),
                    $"{path}: a visitor got {(int)anonymous.StatusCode} {anonymous.Headers.Location}");
            }
            else
            {
                Assert.True(anonymous.StatusCode == HttpStatusCode.NotFound, $"{path}: a visitor got {(int)anonymous.StatusCode}");
            }
        }
    }
}
