using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Live;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Live;

/// <summary>The live session's pages through real forms: opening a lobby from the team page, the console's 404s, joining by code and the seat cookie.</summary>
[Collection(WebAppCollection.Name)]
public sealed class LivePageTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync()
    {
        app.Clock.Now = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AHostOpensALobbyFromTheTeamPageAndABadFormOpensNothing()
    {
        var (owner, team) = await TeamAsync();

        var none = await LobbyFormAsync(owner, team, [], "30");
        var tooShort = await LobbyFormAsync(owner, team, ["scheduler-stops"], "3");
        var unknown = await LobbyFormAsync(owner, team, ["no-such-scenario"], "30");
        Assert.Equal(0, await SessionsAsync(team));

        var opened = await LobbyFormAsync(owner, team, ["big-cluster", "scheduler-stops"], "45", guests: true);
        var console = await owner.Client.GetAsync(opened.Headers.Location);
        var teamPage = await Visitor.BodyAsync(await owner.Client.GetAsync($"/teams/{team}"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (none.StatusCode, tooShort.StatusCode, unknown.StatusCode));
        Assert.Contains("Choose at least one scenario for the session.", await Visitor.BodyAsync(none));
        Assert.Contains("Give each question from 5 to 300 seconds.", await Visitor.BodyAsync(tooShort));
        Assert.Contains("'no-such-scenario' is not a scenario of the course.", await Visitor.BodyAsync(unknown));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        await using var scope = app.CreateScope();
        var session = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveSessions.AsNoTracking().SingleAsync(s => s.TeamId == team);
        Assert.Equal($"/live/{session.Id}/host", opened.Headers.Location!.OriginalString);
        // In the order the course lists them (easiest first: the scheduler, difficulty 1, before the big cluster, 3), a question each.
        Assert.Equal((LiveState.Lobby, 45, true, 2), (session.State, session.TimeLimitSeconds, session.AllowGuests, session.Questions.Length));
        Assert.EndsWith("/plane", session.Questions[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains($">{session.Code}</strong>", await Visitor.BodyAsync(console));
        Assert.Contains($"/live/{session.Id}/host", teamPage);
        Assert.Contains($"/teams/{team}/live/new", teamPage);
    }

    [Fact]
    public async Task OnlyTheTeamsHostsSeeTheConsoleOrOpenALobby()
    {
        var (owner, team) = await TeamAsync();
        var opened = await LobbyFormAsync(owner, team, ["scheduler-stops"], "30");
        var consolePath = opened.Headers.Location!.OriginalString;
        var member = new Visitor(app);
        await member.RegisterAsync($"live-member-{Guid.NewGuid():N}@example.com", "Mo");
        await AddMemberAsync(team, "Mo");
        var outsider = new Visitor(app);
        await outsider.RegisterAsync($"live-outsider-{Guid.NewGuid():N}@example.com", "Oz");
        var visitor = new Visitor(app);

        var memberForm = await member.Client.PostAsync($"/teams/{team}/live/new", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await TokenAsync(member, team)), new("LiveScenarios", "scheduler-stops"), new("TimeLimit", "30")]));

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync(consolePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync(consolePath)).StatusCode);
        var signIn = await visitor.Client.GetAsync(consolePath);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/sign-in", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, memberForm.StatusCode);
        Assert.Equal(1, await SessionsAsync(team));
        // A member sees the running session and a way in, not the console or the form.
        var page = await Visitor.BodyAsync(await member.Client.GetAsync($"/teams/{team}"));
        Assert.Contains("/live?code=", page);
        Assert.DoesNotContain("/host\"", page);
        Assert.DoesNotContain("/live/new", page);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/teams/{team}/live/new")).StatusCode);
    }

    [Fact]
    public async Task AGuestJoinsByCodeAndTheSeatIsAnHttpOnlyCookie()
    {
        var (owner, team) = await TeamAsync();
        await LobbyFormAsync(owner, team, ["scheduler-stops"], "30", guests: true);
        string code;
        await using (var scope = app.CreateScope())
        {
            code = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveSessions.Where(s => s.TeamId == team).Select(s => s.Code).SingleAsync();
        }
        var guest = new Visitor(app);

        var noSeat = await guest.Client.GetAsync("/live/play");
        var prefilled = await Visitor.BodyAsync(await guest.Client.GetAsync($"/live?code={code.ToLowerInvariant()}"));
        var shortCode = await JoinAsync(guest, "ABC", "Gil");
        var wrongCode = await JoinAsync(guest, "ZZZZZ2" == code ? "ZZZZZ3" : "ZZZZZ2", "Gil");
        var noName = await JoinAsync(guest, code, "");
        var joined = await JoinAsync(guest, $" {code.ToLowerInvariant()} ", "Gil");
        var play = await guest.Client.GetAsync("/live/play");

        Assert.Equal(HttpStatusCode.NotFound, noSeat.StatusCode);
        Assert.Contains("Join with the session's code", await Visitor.BodyAsync(noSeat));
        Assert.Contains($"value=\"{code}\"", prefilled);
        Assert.Contains("A session's code has 6 letters and digits", await Visitor.BodyAsync(shortCode));
        Assert.Contains("No running session has that code.", await Visitor.BodyAsync(wrongCode));
        Assert.Contains("Give a name of 1 to 40 characters to join as a guest.", await Visitor.BodyAsync(noName));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (shortCode.StatusCode, wrongCode.StatusCode, noName.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("/live/play", joined.Headers.Location!.OriginalString);
        var cookie = joined.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(LiveSeatCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, play.StatusCode);
        Assert.Contains("data-live=\"play\"", await Visitor.BodyAsync(play));
        await using var check = app.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<PracticeDbContext>();
        Assert.Equal(["Gil"], await db.LiveParticipants.Where(p => db.LiveSessions.Any(s => s.Id == p.SessionId && s.TeamId == team)).Select(p => p.DisplayName).ToListAsync());
    }

    [Fact]
    public async Task WithoutScriptTheConsoleAndThePhoneWorkByFormsAndReloading()
    {
        var (owner, team) = await TeamAsync();
        var opened = await LobbyFormAsync(owner, team, ["scheduler-stops"], "60", guests: true);
        var console = opened.Headers.Location!.OriginalString;
        var code = await CodeAsync(team);
        var guest = new Visitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(guest, code, "Nora")).StatusCode);
        var stranger = new Visitor(app);
        await stranger.RegisterAsync($"live-stranger-{Guid.NewGuid():N}@example.com", "Sam");

        var unknown = await CommandAsync(owner, console, "dance");
        var strangers = await stranger.Client.PostAsync($"{console}?handler=Command", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await TokenOfAsync(stranger, "/live")), new("command", "start")]));
        var started = await CommandAsync(owner, console, "start");
        var question = await Visitor.BodyAsync(await guest.Client.GetAsync("/live/play"));
        var answerForm = await PageForm.OpenAsync(guest.Client, "/live/play", "Send my answer");
        var answered = await answerForm.Set("q.plane", "control").SubmitAsync();
        var received = await Visitor.BodyAsync(await guest.Client.GetAsync("/live/play"));
        var again = await answerForm.Without("q.plane").Set("q.plane", "data").SubmitAsync();
        var fragment = await guest.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/live/play?handler=Screen") { Headers = { { "X-Live-Screen", "1" } } });
        await CommandAsync(owner, console, "close");
        await CommandAsync(owner, console, "reveal");
        var stepBack = await StepAsync(owner, console, -1);
        var stepped = await StepAsync(owner, console, 1);
        var revealed = await Visitor.BodyAsync(await guest.Client.GetAsync("/live/play"));
        var hostView = await Visitor.BodyAsync(await owner.Client.GetAsync(console));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'dance' is not a host command.", await Visitor.BodyAsync(unknown));
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, console), (started.StatusCode, started.Headers.Location!.OriginalString));
        Assert.Contains("Which side of the split is the scheduler on?", question);
        Assert.Contains("<meta http-equiv=\"refresh\"", received); // nothing to type: the page reloads itself without script
        Assert.DoesNotContain("<meta http-equiv=\"refresh\"", question); // an answer is being typed: it does not
        Assert.Equal((HttpStatusCode.Redirect, "/live/play"), (answered.StatusCode, answered.Headers.Location!.OriginalString));
        Assert.Contains("Answer received.", received);
        Assert.Contains("You answered: The control plane.", received);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("You have answered this question already.", await Visitor.BodyAsync(again));
        var screen = await Visitor.BodyAsync(fragment);
        Assert.DoesNotContain("<html", screen);
        Assert.Contains("Answer received.", screen);
        Assert.Equal(HttpStatusCode.BadRequest, stepBack.StatusCode); // nothing shown yet: no moment before the first
        Assert.Equal(HttpStatusCode.Redirect, stepped.StatusCode);
        Assert.Matches(@"Right: \+\d+ points\.", revealed);
        Assert.Contains("Moment 1 of ", revealed);
        Assert.Contains("holds", revealed);
        Assert.Contains("1 of 1 answered", hostView);
        Assert.Contains("Nora", hostView);
    }

    [Fact]
    public async Task AfterTheSessionTheHostDownloadsEveryAnswerAsCsvAndTheTeamSeesItsPage()
    {
        var t0 = new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);
        var (owner, team) = await TeamAsync();
        var member = new Visitor(app);
        await member.RegisterAsync($"live-csv-{Guid.NewGuid():N}@example.com", "Mo");
        await AddMemberAsync(team, "Mo");
        var outsider = new Visitor(app);
        await outsider.RegisterAsync($"live-out-{Guid.NewGuid():N}@example.com", "Oz");
        var console = (await LobbyFormAsync(owner, team, ["scheduler-stops", "big-cluster"], "20", guests: true)).Headers.Location!.OriginalString;
        var sessionPage = console.Replace("/host", "", StringComparison.Ordinal);
        var code = await CodeAsync(team);
        var guest = new Visitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(member, code, "")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(guest, code, "Gil, \"the guest\"")).StatusCode);

        app.Clock.Now = t0;
        await CommandAsync(owner, console, "start");
        app.Clock.Now = t0.AddSeconds(2);
        await AnswerAsync(member, "q.plane", "control");                 // right at 2 s of 20: 1000 × (1 − 2/40) = 950
        app.Clock.Now = t0.AddSeconds(4);
        await AnswerAsync(guest, "q.plane", "data");                     // wrong: 0
        await CommandAsync(owner, console, "close");
        await CommandAsync(owner, console, "reveal");
        app.Clock.Now = t0.AddSeconds(30);
        await CommandAsync(owner, console, "next");
        app.Clock.Now = t0.AddSeconds(35);
        await AnswerAsync(member, "q.ready", "pods");                    // right at 5 s: 875; the guest does not answer
        await CommandAsync(owner, console, "close");
        await CommandAsync(owner, console, "reveal");
        await CommandAsync(owner, console, "end");

        var csv = await owner.Client.GetAsync($"{sessionPage}/results.csv");
        var memberCsv = await member.Client.GetAsync($"{sessionPage}/results.csv");
        var page = await member.Client.GetAsync(sessionPage);
        var outsiders = await outsider.Client.GetAsync(sessionPage);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(string.Join("\r\n",
            "participant,guest,removed,total_points,question,scenario,question_id,kind,skipped,answer,answer_in_words,right,points,answered_at_utc",
            "Mo,no,no,1825,1,scheduler-stops,plane,single,no,control,The control plane,yes,950,2026-12-03 18:00:02",
            "Mo,no,no,1825,2,big-cluster,ready,multi,no,pods,200 web pods are Running at 30s,yes,875,2026-12-03 18:00:35",
            "\"Gil, \"\"the guest\"\"\",yes,no,0,1,scheduler-stops,plane,single,no,data,The data plane,no,0,2026-12-03 18:00:04",
            "\"Gil, \"\"the guest\"\"\",yes,no,0,2,big-cluster,ready,multi,no,,,,,",
            ""), await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, memberCsv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await Visitor.BodyAsync(page);
        Assert.Contains("took part in 2 questions", body);
        Assert.Contains("href=\"/practice/scheduler-stops\"", body);
        Assert.Contains("href=\"/practice/big-cluster\"", body);
        Assert.Contains("<strong>The answer:</strong> The control plane", body);
        Assert.DoesNotContain("results.csv", body); // for hosts only
        Assert.Equal(HttpStatusCode.NotFound, outsiders.StatusCode);
        Assert.Contains($"href=\"{sessionPage}\"", await Visitor.BodyAsync(await member.Client.GetAsync($"/teams/{team}")));
    }

    private static async Task AnswerAsync(Visitor participant, string field, string value)
    {
        var answered = await (await PageForm.OpenAsync(participant.Client, "/live/play", "Send my answer")).Set(field, value).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
    }

    private async Task<(Visitor Owner, Guid Team)> TeamAsync()
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync($"live-owner-{Guid.NewGuid():N}@example.com", "Olu");
        var created = await (await PageForm.OpenAsync(owner.Client, "/teams", "name=\"Name\"")).Set("Name", "Live pages").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (owner, Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[2]));
    }

    private static async Task<HttpResponseMessage> LobbyFormAsync(Visitor host, Guid team, string[] scenarios, string seconds, bool guests = false)
    {
        var form = await PageForm.OpenAsync(host.Client, $"/teams/{team}/live/new", "Open the lobby");
        foreach (var scenario in scenarios)
        {
            form.Set("LiveScenarios", scenario);
        }
        form.Set("TimeLimit", seconds);
        if (guests)
        {
            form.Set("AllowGuests", "true");
        }
        return await form.SubmitAsync();
    }

    private static async Task<HttpResponseMessage> CommandAsync(Visitor host, string console, string command) =>
        await (await PageForm.OpenAsync(host.Client, console, "type=\"submit\" name=\"command\"")).Set("command", command).SubmitAsync();

    private static async Task<HttpResponseMessage> StepAsync(Visitor host, string console, int by) =>
        await host.Client.PostAsync($"{console}?handler=Step", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await TokenOfAsync(host, console)), new("by", by.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

    private static async Task<string> TokenOfAsync(Visitor visitor, string path) =>
        System.Text.RegularExpressions.Regex.Match(await visitor.Client.GetStringAsync(path), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private async Task<string> CodeAsync(Guid team)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveSessions.Where(s => s.TeamId == team).Select(s => s.Code).SingleAsync();
    }

    private static async Task<HttpResponseMessage> JoinAsync(Visitor visitor, string code, string name) =>
        await (await PageForm.OpenAsync(visitor.Client, "/live", "name=\"Code\"")).Set("Code", code).Set("Name", name).SubmitAsync();

    private static async Task<string> TokenAsync(Visitor visitor, Guid team) =>
        (await PageForm.OpenAsync(visitor.Client, $"/teams/{team}", "Leave"))["__RequestVerificationToken"];

    private async Task AddMemberAsync(Guid team, string displayName)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var user = await db.Users.Where(u => u.DisplayName == displayName).OrderByDescending(u => u.CreatedAt).Select(u => u.Id).FirstAsync();
        db.TeamMembers.Add(new TeamMember { TeamId = team, UserId = user, Role = TeamRole.Member });
        await db.SaveChangesAsync();
    }

    private async Task<int> SessionsAsync(Guid team)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveSessions.CountAsync(s => s.TeamId == team);
    }
}
