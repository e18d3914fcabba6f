using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Teams;

/// <summary>Teams on real Postgres through the real forms: invites, roles, the policies' 404s, the dashboard and its CSV.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class TeamTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AMemberJoinsByInviteAndTheDashboardShowsTheirAnswers()
    {
        var (owner, team) = await TeamAsync("Night shift");
        var token = await InviteAsync(owner, team);
        var member = new Visitor(app);
        await member.RegisterAsync("member@example.com", "Mia");

        var page = await Visitor.BodyAsync(await member.Client.GetAsync($"/teams/join/{token}"));
        var joined = await (await PageForm.OpenAsync(member.Client, $"/teams/join/{token}", "Join Night shift")).SubmitAsync();
        await member.AnswerAsync();
        var dashboard = await Visitor.BodyAsync(await owner.Client.GetAsync($"/teams/{team}"));

        Assert.Contains("You are invited to <strong>Night shift</strong>", page);
        Assert.Equal($"/teams/{team}", joined.Headers.Location!.OriginalString);
        // Visitor.AnswerAsync answers the single question right and leaves every multi option unchecked,
        // which is an answer ("none of these hold") and wrong here: 2 answers, 1 right.
        Assert.Matches(new Regex(@"<th scope=""row"">Mia</th>\s*<td>member</td>\s*<td>2</td>\s*<td>1 of 2</td>"), dashboard);
        Assert.Contains("Night shift", await Visitor.BodyAsync(await member.Client.GetAsync("/teams")));
    }

    [Fact]
    public async Task AnExpiredRevokedOrUsedUpInviteIsRefusedWithAMessageAndJoinsNobody()
    {
        var (owner, team) = await TeamAsync("Refusals");
        var expiring = await InviteAsync(owner, team, days: 1);
        var revoked = await InviteAsync(owner, team);
        var single = await InviteAsync(owner, team, uses: 1);
        var revokeForm = await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "name=\"inviteId\"");
        // The newest invite is listed first: revoke the one made second by its id.
        var revokedId = await InviteIdAsync(revoked);
        Assert.Equal(HttpStatusCode.OK, (await revokeForm.Without("inviteId").Set("inviteId", revokedId.ToString()).SubmitAsync()).StatusCode);
        var first = new Visitor(app);
        await first.RegisterAsync("first-in@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await (await PageForm.OpenAsync(first.Client, $"/teams/join/{single}", "Join Refusals")).SubmitAsync()).StatusCode);
        var late = new Visitor(app);
        await late.RegisterAsync("late@example.com");

        var usedUp = await late.Client.GetAsync($"/teams/join/{single}");
        var wasRevoked = await late.Client.GetAsync($"/teams/join/{revoked}");
        var unknown = await late.Client.GetAsync("/teams/join/not-a-real-token");
        app.Clock.Offset = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1);
        var expired = await late.Client.GetAsync($"/teams/join/{expiring}");
        var postExpired = await late.Client.PostAsync($"/teams/join/{expiring}", new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenAsync(late))]));

        Assert.Equal(HttpStatusCode.Gone, usedUp.StatusCode);
        Assert.Contains("This invite link has been used as many times as it allows.", await Visitor.BodyAsync(usedUp));
        Assert.Equal(HttpStatusCode.Gone, wasRevoked.StatusCode);
        Assert.Contains("This invite link was revoked by the team's owner.", await Visitor.BodyAsync(wasRevoked));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("This invite link does not lead to a team.", await Visitor.BodyAsync(unknown));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This invite link has expired.", await Visitor.BodyAsync(expired));
        Assert.Equal(HttpStatusCode.Gone, postExpired.StatusCode);
        Assert.Equal(2, await MembersAsync(team));
    }

    [Fact]
    public async Task ARemovedMemberGets404AtOnce()
    {
        var (owner, team) = await TeamAsync("Removals");
        var member = await JoinedAsync(owner, team, "removed@example.com", "Rex");
        var before = await member.Client.GetAsync($"/teams/{team}");
        Assert.True(before.StatusCode == HttpStatusCode.OK, $"{before.StatusCode} {before.Headers.Location}");

        var remove = await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "Remove Rex");
        Assert.Equal(HttpStatusCode.OK, (await remove.SubmitAsync()).StatusCode);

        var after = await member.Client.GetAsync($"/teams/{team}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("Page not found", await Visitor.BodyAsync(after));
    }

    [Fact]
    public async Task AMemberCannotCallOwnerActionsAndANonMemberCannotSeeTheDashboard()
    {
        var (owner, team) = await TeamAsync("Guarded");
        var member = await JoinedAsync(owner, team, "plain@example.com", "Pat");
        var outsider = new Visitor(app);
        await outsider.RegisterAsync("outsider@example.com");
        var ownerId = await UserIdAsync(owner, team);
        var token = await TokenAsync(member);

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/teams/{team}/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/teams/{team}/export")).StatusCode);
        foreach (var (handler, fields) in new (string, (string, string)[])[]
        {
            ("Remove", [("userId", ownerId)]), ("Invite", [("days", "7"), ("uses", "5")]), ("Delete", [("confirm", "Guarded")]),
            ("Role", [("userId", ownerId), ("role", "Member")]), ("Transfer", [("userId", ownerId)]),
        })
        {
            var response = await member.Client.PostAsync($"/teams/{team}/manage?handler={handler}",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler}: {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/teams/{team}")).StatusCode);
        var anonymous = await new Visitor(app).Client.GetAsync($"/teams/{team}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(2, await MembersAsync(team));
        await using var scope = app.CreateScope();
        // Only the invite the owner made for Pat: the member's Invite post made none.
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().TeamInvites.CountAsync(i => i.TeamId == team));
    }

    [Fact]
    public async Task TheInviteTokenIsStoredOnlyAsItsHashAndTwoInvitesNeverShareOne()
    {
        var (owner, team) = await TeamAsync("Tokens");
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await InviteAsync(owner, team));
        }

        await using var scope = app.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().TeamInvites.AsNoTracking().Where(i => i.TeamId == team).ToListAsync();
        Assert.Equal(5, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(43, t.Length)); // 32 random bytes, base64url
        Assert.Equal(tokens.Select(t => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(t)))).Order(), rows.Select(r => Convert.ToHexString(r.TokenHash)).Order());
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var dump = new Npgsql.NpgsqlCommand("SELECT string_agg(t::text, '') FROM team_invites t", connection);
        var everything = (string)(await dump.ExecuteScalarAsync())!;
        Assert.All(tokens, t => Assert.DoesNotContain(t, everything));
    }

    [Fact]
    public async Task HostsExportTheTableAsCsvAndOwnershipMovesWithTheTransfer()
    {
        var (owner, team) = await TeamAsync("Exports");
        var member = await JoinedAsync(owner, team, "formula@example.com", "=HYPERLINK(1)");
        await member.AnswerAsync();
        var promote = await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "Make host");
        Assert.Equal(HttpStatusCode.OK, (await promote.SubmitAsync()).StatusCode);

        var csv = await member.Client.GetAsync($"/teams/{team}/export");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("member,role,answers_last_4_weeks,fixture_right,fixture_answers", lines[0]);
        Assert.Contains("'=HYPERLINK(1),host,2,1,2", lines); // 2 answers in 4 weeks, 1 right of 2 (see the first test)
        Assert.Contains("Ada,owner,0,,", lines);

        var transfer = await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "Make owner");
        Assert.Equal(HttpStatusCode.Redirect, (await transfer.SubmitAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync($"/teams/{team}/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/teams/{team}/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/teams/{team}/export")).StatusCode);
    }

    [Fact]
    public async Task AMemberLeavesAndTheOwnerDeletesTheTeamOnlyWithItsName()
    {
        var (owner, team) = await TeamAsync("Short lived");
        var member = await JoinedAsync(owner, team, "leaver@example.com", "Lee");

        Assert.Equal(HttpStatusCode.Redirect, (await (await PageForm.OpenAsync(member.Client, $"/teams/{team}", "Leave Short lived")).SubmitAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/teams/{team}")).StatusCode);
        var wrongName = await (await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "name=\"confirm\"")).Set("confirm", "short lived").SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        var deleted = await (await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "name=\"confirm\"")).Set("confirm", "Short lived").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/teams/{team}")).StatusCode);
        Assert.Equal(0, await MembersAsync(team));
    }

    [Fact]
    public async Task TwoTabsJoiningAtOnceMakeOneMembershipAndUseTheInviteOnce()
    {
        var (owner, team) = await TeamAsync("Two tabs");
        var token = await InviteAsync(owner, team, uses: 5);
        var member = new Visitor(app);
        await member.RegisterAsync("two-tabs@example.com");
        var forms = new[]
        {
            await PageForm.OpenAsync(member.Client, $"/teams/join/{token}", ">Join "),
            await PageForm.OpenAsync(member.Client, $"/teams/join/{token}", ">Join "),
        };

        var joined = await Task.WhenAll(forms.Select(f => f.SubmitAsync()));

        Assert.All(joined, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(2, await MembersAsync(team));
        await using var scope = app.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().TeamInvites.Where(i => i.TeamId == team).Select(i => i.Uses).SingleAsync());
    }

    [Fact]
    public async Task ATeamWithoutANameIsRefusedAndNothingIsStored()
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync("nameless@example.com");

        var response = await (await PageForm.OpenAsync(owner.Client, "/teams", "name=\"Name\"")).Set("Name", "   ").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Give the team a name.", await Visitor.BodyAsync(response));
        await using var scope = app.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Teams.CountAsync());
    }

    private async Task<(Visitor Owner, Guid Team)> TeamAsync(string name)
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync($"owner-{Guid.NewGuid():N}@example.com", "Ada");
        var created = await (await PageForm.OpenAsync(owner.Client, "/teams", "name=\"Name\"")).Set("Name", name).Set("Description", "for the CKA").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (owner, Guid.Parse(TeamIdIn().Match(created.Headers.Location!.OriginalString).Groups[1].Value));
    }

    private static async Task<string> InviteAsync(Visitor owner, Guid team, int days = 7, int uses = 10)
    {
        var form = await PageForm.OpenAsync(owner.Client, $"/teams/{team}/manage", "name=\"days\"");
        var page = await Visitor.BodyAsync(await form.Set("days", days.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set("uses", uses.ToString(System.Globalization.CultureInfo.InvariantCulture)).SubmitAsync());
        return InviteLink().Match(page).Groups[1].Value;
    }

    private async Task<Visitor> JoinedAsync(Visitor owner, Guid team, string email, string name)
    {
        var token = await InviteAsync(owner, team);
        var member = new Visitor(app);
        await member.RegisterAsync(email, name);
        var joined = await (await PageForm.OpenAsync(member.Client, $"/teams/join/{token}", ">Join ")).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        return member;
    }

    private async Task<Guid> InviteIdAsync(string token)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().TeamInvites.Where(i => i.TokenHash == hash).Select(i => i.Id).SingleAsync();
    }

    private async Task<int> MembersAsync(Guid team)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().TeamMembers.CountAsync(m => m.TeamId == team);
    }

    private async Task<string> UserIdAsync(Visitor owner, Guid team)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().TeamMembers
            .Where(m => m.TeamId == team && m.Role == TeamRole.Owner).Select(m => m.UserId).SingleAsync();
    }

    private static async Task<string> TokenAsync(Visitor visitor) =>
        (await PageForm.OpenAsync(visitor.Client, "kubelet-stops"))["__RequestVerificationToken"];

    [GeneratedRegex("/teams/([0-9a-f-]{36})/manage")]
    private static partial Regex TeamIdIn();

    [GeneratedRegex("/teams/join/([A-Za-z0-9_-]+)\"")]
    private static partial Regex InviteLink();
}
