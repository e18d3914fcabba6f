using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Live;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Live;

/// <summary>The live session service on real Postgres: seats, host commands, the stored deadline and the scores.</summary>
[Collection(WebAppCollection.Name)]
public sealed class LiveSessionServiceTests(WebAppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync()
    {
        app.Clock.Now = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AHostAndThreeParticipantsPlayTwoQuestionsWithTheExpectedScores()
    {
        var (team, host, members) = await TeamAsync(2);
        var session = await CreateAsync(team, host, allowGuests: true);
        var p1 = await JoinAsync(session.Code, members[0], null);
        var p2 = await JoinAsync(session.Code, members[1], null);
        var p3 = await JoinAsync(session.Code, null, "Guest Gita");
        At(T0);
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.SetTimeLimit(20) && s.Start(now))).Done);

        // Question 1 (scheduler-stops, single; right: the control plane), 20 s.
        At(T0.AddSeconds(2));
        Assert.True((await AnswerAsync(p1, 0, "control")).Done);      // right at 2 s: 1000 × (1 − 2/40) = 950
        At(T0.AddSeconds(4));
        Assert.True((await AnswerAsync(p2, 0, "data")).Done);         // wrong: 0
        At(T0.AddSeconds(10));
        Assert.True((await AnswerAsync(p3, 0, "control")).Done);      // right at 10 s: 750
        Assert.Equal("You have answered this question already.", (await AnswerAsync(p3, 0, "data")).Problem);
        At(T0.AddSeconds(20));
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.Close(now))).Done);
        Assert.True((await HostAsync(session.Id, host, (s, _) => s.Reveal())).Done);

        // Question 2 (big-cluster, multi; only "pods" holds), opened at 30 s.
        At(T0.AddSeconds(30));
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.Next(now))).Done);
        At(T0.AddSeconds(35));
        Assert.True((await AnswerAsync(p1, 1, "pods")).Done);         // right at 5 s: 875
        At(T0.AddSeconds(36));
        Assert.True((await AnswerAsync(p2, 1, "ready,pods")).Done);   // 1 of 2 options judged right at 6 s: 0.5 × 850 = 425
        At(T0.AddSeconds(50));
        var late = await AnswerAsync(p3, 1, "pods");                  // the deadline was 50 s

        Assert.Equal("Time is up for this question: your answer came after the deadline.", late.Problem);
        await using var scope = app.CreateScope();
        var board = await scope.ServiceProvider.GetRequiredService<LiveSessionService>().LeaderboardAsync(session.Id, CancellationToken.None);
        Assert.Equal([(p1.ParticipantId, 1825, 2), (p3.ParticipantId, 750, 1), (p2.ParticipantId, 425, 0)], board.Select(r => (r.ParticipantId, r.Score, r.Right)));
        Assert.True((await HostAsync(session.Id, host, (s, _) => s.Reveal())).Done is false); // still open: close first
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.End(now))).Done);

        // Ended: each member's answers are attempts of their own, one per scenario, marked with the session.
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var recorded = await db.Attempts.AsNoTracking().Include(a => a.Answers).Where(a => a.LiveSessionId == session.Id).ToListAsync();
        Assert.Equal(4, recorded.Count); // two members × two scenarios; the guest has no account
        var p1Learner = await db.Users.Where(u => u.Id == members[0]).Select(u => u.LearnerId).SingleAsync();
        var p1Scheduler = recorded.Single(a => a.LearnerId == p1Learner && a.Answers.Any(x => x.QuestionId == "plane"));
        Assert.Equal((AttemptStatus.Graded, 1, 1, members[0]), (p1Scheduler.Status, p1Scheduler.Correct, p1Scheduler.QuestionCount, p1Scheduler.UserId));
        Assert.Equal("control", p1Scheduler.Answers.Single().Answer);
        await using (var again = app.CreateScope())
        {
            await again.ServiceProvider.GetRequiredService<LiveSessionService>().RecordAttemptsAsync(await StoredAsync(session.Id), CancellationToken.None);
        }
        Assert.Equal(4, await db.Attempts.CountAsync(a => a.LiveSessionId == session.Id));
    }

    [Fact]
    public async Task ANonMemberCannotJoinATeamSessionNorCallHostMethodsAndAMemberIsNoHost()
    {
        var (team, host, members) = await TeamAsync(1);
        var (_, outsider, _) = await TeamAsync(0);
        var session = await CreateAsync(team, host, allowGuests: false);

        await using var scope = app.CreateScope();
        var live = scope.ServiceProvider.GetRequiredService<LiveSessionService>();
        var (seat, problem) = await live.JoinAsync(session.Code, outsider, null, CancellationToken.None);
        var (guestSeat, guestProblem) = await live.JoinAsync(session.Code, null, "Gate crasher", CancellationToken.None);
        var byOutsider = await HostAsync(session.Id, outsider, (s, now) => s.Start(now));
        var byMember = await HostAsync(session.Id, members[0], (s, now) => s.Start(now));

        Assert.Null(seat);
        Assert.Equal("This session is for the members of another team.", problem);
        Assert.Null(guestSeat);
        Assert.Equal("This session is for the members of a team: sign in to join it.", guestProblem);
        Assert.Equal("Only the team's hosts can run this session.", byOutsider.Problem);
        Assert.Equal("Only the team's hosts can run this session.", byMember.Problem);
        Assert.Equal(LiveState.Lobby, (await StoredAsync(session.Id)).State);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveParticipants.CountAsync(p => p.SessionId == session.Id));
    }

    [Fact]
    public async Task AParticipantComesBackToTheSameSeatScoreAndQuestion()
    {
        var (team, host, members) = await TeamAsync(1);
        var session = await CreateAsync(team, host, allowGuests: false);
        var first = await JoinAsync(session.Code, members[0], null);
        At(T0);
        await HostAsync(session.Id, host, (s, now) => s.Start(now));
        At(T0.AddSeconds(2));
        await AnswerAsync(first, 0, "control");

        // Another device, or the same after a reload: joining again gives the same seat.
        var again = await JoinAsync(session.Code, members[0], null);
        await using var scope = app.CreateScope();
        var live = scope.ServiceProvider.GetRequiredService<LiveSessionService>();
        var (seat, stored) = (await live.SeatOfAsync(again.Token, CancellationToken.None))!.Value;

        Assert.Equal(first.ParticipantId, again.ParticipantId);
        Assert.Equal(967, seat.Score); // right at 2 s of the default 30: round(1000 × (1 − 2/60)) = 967
        Assert.Equal((LiveState.Open, 0), (stored.State, stored.QuestionIndex));
        Assert.Null(await live.SeatOfAsync(first.Token, CancellationToken.None)); // the old device's token is replaced
    }

    [Fact]
    public async Task ASessionInterruptedByARestartResumesFromPostgresWithItsScores()
    {
        var (team, host, members) = await TeamAsync(1);
        var session = await CreateAsync(team, host, allowGuests: true);
        var member = await JoinAsync(session.Code, members[0], null);
        var guest = await JoinAsync(session.Code, null, "Guest");
        // Real time here: the restarted instance has the system clock.
        await HostAsync(session.Id, host, (s, now) => s.SetTimeLimit(300) && s.Start(now));
        Assert.True((await AnswerAsync(member, 0, "control")).Done);
        var before = (await LeaderboardAsync(app, session.Id)).Single(r => r.ParticipantId == member.ParticipantId).Score;
        app.Clock.Now = null;

        await using var restarted = new SecondInstance();
        await ((IAsyncLifetime)restarted).InitializeAsync();
        await using var scope = restarted.CreateScope();
        var live = scope.ServiceProvider.GetRequiredService<LiveSessionService>();
        var resumed = await live.AnswerAsync(guest.Token, 0, "control", CancellationToken.None);
        var board = await LeaderboardAsync(restarted, session.Id);

        Assert.True(resumed.Done, resumed.Problem);
        Assert.InRange(before, 500, 1000);
        Assert.Equal(before, board.Single(r => r.ParticipantId == member.ParticipantId).Score);
        Assert.InRange(board.Single(r => r.ParticipantId == guest.ParticipantId).Score, 500, 1000);
        Assert.True((await live.CommandAsync(session.Id, host, (s, now) => s.Close(now), CancellationToken.None)).Done);
    }

    [Fact]
    public async Task SkippingAQuestionAfterItWasAnsweredTakesItsPointsBack()
    {
        var (team, host, members) = await TeamAsync(2);
        var session = await CreateAsync(team, host, allowGuests: false);
        var p1 = await JoinAsync(session.Code, members[0], null);
        var p2 = await JoinAsync(session.Code, members[1], null);
        At(T0);
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.SetTimeLimit(20) && s.Start(now))).Done);
        At(T0.AddSeconds(2));
        Assert.True((await AnswerAsync(p1, 0, "control")).Done);      // 950
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.Close(now))).Done);
        Assert.True((await HostAsync(session.Id, host, (s, _) => s.Reveal())).Done);
        At(T0.AddSeconds(30));
        Assert.True((await HostAsync(session.Id, host, (s, now) => s.Next(now))).Done);
        At(T0.AddSeconds(35));
        Assert.True((await AnswerAsync(p1, 1, "pods")).Done);         // 875, then skipped
        Assert.True((await AnswerAsync(p2, 1, "ready,pods")).Done);   // 437.5 → 438, then skipped

        Assert.True((await HostAsync(session.Id, host, (s, now) => s.Skip(now))).Done);

        var board = await LeaderboardAsync(app, session.Id);
        Assert.Equal([(p1.ParticipantId, 950), (p2.ParticipantId, 0)], board.Select(r => (r.ParticipantId, r.Score)));
        await using var scope = app.CreateScope();
        var points = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveAnswers
            .Where(a => a.SessionId == session.Id && a.QuestionIndex == 1).Select(a => a.Points).ToListAsync();
        Assert.Equal([0, 0], points);
    }

    /// <summary>Stops the app's clock at <paramref name="now"/>: scores depend on exact seconds.</summary>
    private void At(DateTimeOffset now) => app.Clock.Now = now;

    private async Task<(Guid Team, string Host, List<string> Members)> TeamAsync(int memberCount)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var users = new List<string>();
        for (var i = 0; i <= memberCount; i++)
        {
            var user = new PracticeUser { Id = Guid.NewGuid().ToString(), UserName = $"u{Guid.NewGuid():N}", DisplayName = $"Player {i}", LearnerId = Guid.NewGuid() };
            db.Users.Add(user);
            users.Add(user.Id);
        }
        var team = new Team { Id = Guid.NewGuid(), Name = "Live team" };
        team.Members.AddRange(users.Select((id, i) => new TeamMember { TeamId = team.Id, UserId = id, Role = i == 0 ? TeamRole.Owner : TeamRole.Member }));
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return (team.Id, users[0], users.Skip(1).ToList());
    }

    private async Task<LiveSession> CreateAsync(Guid team, string host, bool allowGuests)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiveSessionService>().CreateAsync(team, host, ["scheduler-stops", "big-cluster"], allowGuests, CancellationToken.None);
    }

    private async Task<Seat> JoinAsync(string code, string? userId, string? guest)
    {
        await using var scope = app.CreateScope();
        var (seat, problem) = await scope.ServiceProvider.GetRequiredService<LiveSessionService>().JoinAsync(code, userId, guest, CancellationToken.None);
        return seat ?? throw new InvalidOperationException(problem);
    }

    private async Task<LiveResult> HostAsync(Guid session, string userId, Func<LiveSession, DateTimeOffset, bool> command)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiveSessionService>().CommandAsync(session, userId, command, CancellationToken.None);
    }

    private async Task<LiveResult> AnswerAsync(Seat seat, int question, string answer)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiveSessionService>().AnswerAsync(seat.Token, question, answer, CancellationToken.None);
    }

    private async Task<LiveSession> StoredAsync(Guid id)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveSessions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private static async Task<IReadOnlyList<LeaderboardRow>> LeaderboardAsync(PracticeAppFactory instance, Guid session)
    {
        await using var scope = instance.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiveSessionService>().LeaderboardAsync(session, CancellationToken.None);
    }

    /// <summary>The app started again on the same database, as after a restart.</summary>
    private sealed class SecondInstance() : PracticeAppFactory("practice_test_web", kestrel: false, createDatabase: false);
}
