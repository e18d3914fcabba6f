using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Practice.Data;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Live;

/// <summary>A live session's state, clock and seats as Postgres keeps them (what a restarted app resumes from).</summary>
[Collection(WebAppCollection.Name)]
public sealed class LiveSessionStoreTests(WebAppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task APausedSessionComesBackFromTheDatabaseWithItsClockSkipsAndScores()
    {
        var team = await TeamAsync();
        var session = LiveSession.Create(Guid.NewGuid(), team, "host", "K7PXQ2", ["1/holds", "1/side", "1/notready"], allowGuests: true, T0);
        session.Start(T0);
        session.Skip(T0.AddSeconds(2));
        session.Next(T0.AddSeconds(5));
        session.Pause(T0.AddSeconds(15));
        var seat = new LiveParticipant { Id = Guid.NewGuid(), SessionId = session.Id, DisplayName = "Guest", TokenHash = new byte[32], JoinedAt = T0, Score = 925 };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            db.LiveSessions.Add(session);
            db.LiveParticipants.Add(seat);
            await db.SaveChangesAsync();
        }

        await using var read = app.CreateScope();
        var stored = await read.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id);
        var storedSeat = await read.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveParticipants.AsNoTracking().SingleAsync(p => p.Id == seat.Id);

        Assert.Equal((LiveState.Open, 1, true, 20_000), (stored.State, stored.QuestionIndex, stored.IsPaused, stored.PausedRemainingMs));
        Assert.Equal([0], stored.Skipped);
        Assert.Equal(["1/holds", "1/side", "1/notready"], stored.Questions);
        Assert.Equal(925, storedSeat.Score);
        Assert.True(stored.Resume(T0.AddMinutes(5)));
        Assert.Equal(T0.AddMinutes(5).AddSeconds(20), stored.Deadline);
    }

    [Fact]
    public async Task ACodeIsUniqueAmongRunningSessionsAndFreeAgainOnceOneEnds()
    {
        var team = await TeamAsync();
        var first = LiveSession.Create(Guid.NewGuid(), team, "host", "HJK234", ["1/side"], false, T0);
        await SaveAsync(first);

        var clash = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(LiveSession.Create(Guid.NewGuid(), team, "host", "HJK234", ["1/side"], false, T0)));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (clash.InnerException as PostgresException)?.SqlState);

        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            var stored = await db.LiveSessions.SingleAsync(s => s.Id == first.Id);
            Assert.True(stored.End(T0.AddHours(1)));
            await db.SaveChangesAsync();
        }
        await SaveAsync(LiveSession.Create(Guid.NewGuid(), team, "host", "HJK234", ["1/side"], false, T0.AddHours(2)));
    }

    [Fact]
    public async Task TwoHostCommandsRacingOnOneSessionCannotBothMoveIt()
    {
        var team = await TeamAsync();
        var session = LiveSession.Create(Guid.NewGuid(), team, "host", "RACE23", ["1/side"], false, T0);
        await SaveAsync(session);
        await using var a = app.CreateScope();
        await using var b = app.CreateScope();
        var dbA = a.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var dbB = b.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var seenByA = await dbA.LiveSessions.SingleAsync(s => s.Id == session.Id);
        var seenByB = await dbB.LiveSessions.SingleAsync(s => s.Id == session.Id);

        Assert.True(seenByA.Start(T0));
        Assert.True(seenByB.End(T0));
        await dbA.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());
    }

    private async Task SaveAsync(LiveSession session)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        db.LiveSessions.Add(session);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> TeamAsync()
    {
        var owner = new Visitor(app);
        await owner.RegisterAsync($"live-{Guid.NewGuid():N}@example.com");
        var created = await (await PageForm.OpenAsync(owner.Client, "/teams", "name=\"Name\"")).Set("Name", "Live").SubmitAsync();
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[2]);
    }
}
