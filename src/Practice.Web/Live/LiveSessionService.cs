using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Practice.Content.Questions;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Simulation;
using Practice.Web.Grading;

namespace Practice.Web.Live;

/// <summary>A seat as its holder sees it: the token goes in their cookie, once.</summary>
public sealed record Seat(Guid ParticipantId, Guid SessionId, string Token);

/// <summary>What an action did: done, or why not, in words for the person who asked.</summary>
/// <param name="SessionId">For an accepted answer, the session it went to (the hub tells its hosts).</param>
public sealed record LiveResult(bool Done, string? Problem = null, Guid? SessionId = null)
{
    public static readonly LiveResult Ok = new(true);

    public static LiveResult No(string problem) => new(false, problem);
}

/// <summary>A session in the team's list.</summary>
public sealed record TeamLiveSession(Guid Id, string Code, LiveState State, int Questions, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, int Participants, string HostName);

public sealed record LeaderboardRow(Guid ParticipantId, string DisplayName, int Score, int Right);

/// <summary>
/// Live sessions: the host's commands, seats, answers and the leaderboard. Every state change is
/// the session's own method on the row read from Postgres, saved under its row version, so a
/// restarted app, or another replica, carries on from what is stored. The clock is the app's
/// <see cref="TimeProvider"/>; the deadline is the stored one.
/// </summary>
public sealed class LiveSessionService(PracticeDbContext db, ScenarioLibrary library, AttemptGrader grader, GradingService grading, TimeProvider clock, ILogger<LiveSessionService> logger)
{
    public const string OnlyHosts = "Only the team's hosts can run this session.";

    /// <summary>No 0/O, 1/I/L: read off a projector and typed on a phone.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Opens a lobby with every question of the chosen scenarios (current versions), in the order chosen.</summary>
    public async Task<LiveSession> CreateAsync(Guid teamId, string hostUserId, IReadOnlyList<string> scenarioIds, bool allowGuests, CancellationToken cancellationToken,
        int timeLimitSeconds = LiveSession.DefaultTimeLimitSeconds)
    {
        var questions = new List<string>();
        foreach (var id in scenarioIds)
        {
            var scenario = await library.CurrentAsync(db, id, cancellationToken) ?? throw new ArgumentException($"no scenario '{id}'", nameof(scenarioIds));
            questions.AddRange(scenario.Scenario.Questions.Select(q => $"{scenario.VersionId}/{q.Id}"));
        }
        for (var tries = 0; ; tries++)
        {
            var session = LiveSession.Create(Guid.NewGuid(), teamId, hostUserId, RandomNumberGenerator.GetString(CodeAlphabet, 6), questions, allowGuests, clock.GetUtcNow());
            if (!session.SetTimeLimit(timeLimitSeconds))
            {
                throw new ArgumentOutOfRangeException(nameof(timeLimitSeconds), timeLimitSeconds, "outside the time limits a session allows");
            }
            db.LiveSessions.Add(session);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return session;
            }
            catch (DbUpdateException e) when (tries < 5 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The code is in use by a running session: draw another.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// A seat by the session's code: a member of the session's team (signed in), or a named guest
    /// when the host allows guests. A member who joins again gets their seat back, with a new token.
    /// </summary>
    public async Task<(Seat? Seat, string? Problem)> JoinAsync(string code, string? userId, string? guestName, CancellationToken cancellationToken)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Code == normalized && s.State != LiveState.Ended, cancellationToken);
        if (session is null)
        {
            return (null, "No running session has that code. Check it with your host.");
        }
        var token = SecretToken.New();
        if (userId is not null && await db.TeamMembers.AnyAsync(m => m.TeamId == session.TeamId && m.UserId == userId, cancellationToken))
        {
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            var existing = await db.LiveParticipants.SingleOrDefaultAsync(p => p.SessionId == session.Id && p.UserId == userId, cancellationToken);
            if (existing is { Removed: true })
            {
                return (null, "The host removed you from this session.");
            }
            if (existing is not null)
            {
                await db.LiveParticipants.Where(p => p.Id == existing.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TokenHash, SecretToken.Hash(token)), cancellationToken);
                return (new Seat(existing.Id, session.Id, token), null);
            }
            return (await SeatAsync(session, userId, name, token, cancellationToken), null);
        }
        if (!session.AllowGuests)
        {
            return (null, userId is null
                ? "This session is for the members of a team: sign in to join it."
                : "This session is for the members of another team.");
        }
        var guest = guestName?.Trim() ?? "";
        if (guest.Length is 0 or > LiveParticipant.NameMaxLength || guest.Any(char.IsControl))
        {
            return (null, $"Give a name of 1 to {LiveParticipant.NameMaxLength} characters to join as a guest.");
        }
        return (await SeatAsync(session, null, guest, token, cancellationToken), null);
    }

    /// <summary>The seat a token holds, with its session as stored now; null for an unknown token or a removed seat.</summary>
    public async Task<(LiveParticipant Participant, LiveSession Session)?> SeatOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = SecretToken.Hash(token);
        var seat = await db.LiveParticipants.AsNoTracking().SingleOrDefaultAsync(p => p.TokenHash == hash && !p.Removed, cancellationToken);
        if (seat is null)
        {
            return null;
        }
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == seat.SessionId, cancellationToken);
        return (seat, session);
    }

    /// <summary>
    /// A host command (start, pause, close, reveal, …): only the session's team's hosts and owner,
    /// checked on every call. The session's own method decides whether the move is legal.
    /// </summary>
    public async Task<LiveResult> CommandAsync(Guid sessionId, string? userId, Func<LiveSession, DateTimeOffset, bool> command, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || userId is null || !await IsHostAsync(session.TeamId, userId, cancellationToken))
        {
            return LiveResult.No(OnlyHosts);
        }
        var skippedBefore = session.Skipped.Count;
        if (!command(session, clock.GetUtcNow()))
        {
            return LiveResult.No($"That cannot be done now (the session is {session.State.ToString().ToLowerInvariant()}).");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LiveResult.No("Another host command changed the session first. Look again and retry.");
        }
        if (session.Skipped.Count > skippedBefore)
        {
            // A skipped question scores nothing: take back what its answers earned, with the skip.
            var index = session.QuestionIndex;
            var answers = db.LiveAnswers.Where(a => a.SessionId == sessionId && a.QuestionIndex == index && a.Points > 0);
            await db.LiveParticipants.Where(p => p.SessionId == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Score, p => p.Score - answers.Where(a => a.ParticipantId == p.Id).Sum(a => a.Points)), cancellationToken);
            await answers.ExecuteUpdateAsync(s => s.SetProperty(a => a.Points, 0), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (session.State == LiveState.Ended)
        {
            await RecordAttemptsAsync(session, cancellationToken);
        }
        return LiveResult.Ok;
    }

    /// <summary>
    /// Each member's answers become attempts, one per scenario of the session, asking the questions
    /// the session asked, graded as practice grades them and marked with the session: they count in
    /// progress and review. Guests have no account to keep them. Idempotent: a key per seat and
    /// scenario version means a second call stores nothing new.
    /// </summary>
    public async Task RecordAttemptsAsync(LiveSession session, CancellationToken cancellationToken)
    {
        var seats = await db.LiveParticipants.AsNoTracking().Where(p => p.SessionId == session.Id && p.UserId != null && !p.Removed)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.Id, p.UserId, u.LearnerId }).ToListAsync(cancellationToken);
        var answers = await db.LiveAnswers.AsNoTracking().Where(a => a.SessionId == session.Id).ToListAsync(cancellationToken);
        var byVersion = session.Questions.Select((reference, index) => (Index: index, Ref: Parse(reference)))
            .Where(q => !session.Skipped.Contains(q.Index)).GroupBy(q => q.Ref.VersionId).ToList();
        foreach (var seat in seats)
        {
            foreach (var version in byVersion)
            {
                var given = answers.Where(a => a.ParticipantId == seat.Id && version.Any(q => q.Index == a.QuestionIndex))
                    .ToDictionary(a => version.Single(q => q.Index == a.QuestionIndex).Ref.QuestionId, a => a.Answer, StringComparer.Ordinal);
                if (given.Count == 0)
                {
                    continue;
                }
                var scenario = await library.AtVersionAsync(db, version.Key, retired: true, cancellationToken) ?? throw new ScenarioVersionMissingException();
                await grading.SubmitAsync(new Submission(seat.LearnerId, scenario, $"live{session.Id:N}v{version.Key}",
                    given, seat.UserId, Asked: [.. version.Select(q => q.Ref.QuestionId)], LiveSessionId: session.Id), cancellationToken);
            }
        }
        logger.LogInformation("Live session {SessionId} ended; attempts recorded for {Seats} members", session.Id, seats.Count);
    }

    public async Task<LiveResult> RemoveAsync(Guid sessionId, string? userId, Guid participantId, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || userId is null || !await IsHostAsync(session.TeamId, userId, cancellationToken))
        {
            return LiveResult.No(OnlyHosts);
        }
        var removed = await db.LiveParticipants.Where(p => p.Id == participantId && p.SessionId == sessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Removed, true), cancellationToken);
        return removed == 1 ? LiveResult.Ok : LiveResult.No("No such participant in this session.");
    }

    /// <summary>
    /// An answer to the open question, graded as practice grades it and scored for speed from the
    /// stored opening time. Refused after the deadline, while paused, for another question, or twice.
    /// </summary>
    public async Task<LiveResult> AnswerAsync(string? token, int questionIndex, string answer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await SeatOfAsync(token, cancellationToken) is not var (seat, session))
        {
            return LiveResult.No("You are not seated in this session. Join it again with its code.");
        }
        if (!session.Takes(questionIndex, now))
        {
            return LiveResult.No(session.State == LiveState.Open && questionIndex == session.QuestionIndex
                ? session.IsPaused ? "The host has paused the question. Wait for it to resume." : "Time is up for this question: your answer came after the deadline."
                : "That question is not open.");
        }
        var (scenario, question) = await QuestionAsync(session, questionIndex, cancellationToken);
        var (versionId, questionId) = (scenario.VersionId, question.Id);
        try
        {
            question.Validate(answer, scenario.Scenario.Spec.DurationMs);
        }
        catch (AnswerException e)
        {
            return LiveResult.No(e.Message);
        }
        var run = await library.BaseRunAsync(db, scenario, cancellationToken);
        var row = AttemptAnswer.For(Guid.Empty, Guid.Empty, questionId, 0, question.KindName, scenario.Scenario.Module, [.. scenario.Scenario.Components], answer);
        var grade = grader.Grade(versionId, run.Run, [row], SimulationLimits.Default, cancellationToken).Grades[questionId];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Read the session again under a share lock: a host command (close, skip, pause) that
        // committed while this answer was graded is seen, and one that comes later waits for it.
        var sessionId = session.Id;
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM live_sessions WHERE "Id" = {sessionId} FOR SHARE""", cancellationToken);
        session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        if (!session.Takes(questionIndex, now))
        {
            return LiveResult.No(session.IsPaused ? "The host has paused the question. Wait for it to resume." : "That question is not open any more.");
        }
        var points = session.Skipped.Contains(questionIndex) ? 0
            : LiveScoring.Points(grade.Correct, grade.Points, now - session.OpenedAt!.Value, TimeSpan.FromSeconds(session.TimeLimitSeconds));
        db.LiveAnswers.Add(new LiveAnswer
        {
            ParticipantId = seat.Id, SessionId = session.Id, QuestionIndex = questionIndex, Answer = answer,
            AnsweredAt = now, Correct = grade.Correct, Points = points,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return LiveResult.No("You have answered this question already.");
        }
        await db.LiveParticipants.Where(p => p.Id == seat.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Score, p => p.Score + points), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LiveResult.Ok with { SessionId = session.Id };
    }

    /// <summary>Question <paramref name="index"/> of the session, with the scenario version it belongs to.</summary>
    public async Task<(ScenarioAtVersion Scenario, Question Question)> QuestionAsync(LiveSession session, int index, CancellationToken cancellationToken)
    {
        var (versionId, questionId) = Parse(session.Questions[index]);
        var scenario = await library.AtVersionAsync(db, versionId, retired: true, cancellationToken) ?? throw new ScenarioVersionMissingException();
        return (scenario, scenario.Scenario.Question(questionId)!);
    }

    /// <summary>Whether the user may run the session: a host or the owner of its team.</summary>
    public async Task<bool> CanHostAsync(Guid sessionId, string? userId, CancellationToken cancellationToken) =>
        userId is not null
        && await db.LiveSessions.Where(s => s.Id == sessionId).Select(s => (Guid?)s.TeamId).SingleOrDefaultAsync(cancellationToken) is { } teamId
        && await IsHostAsync(teamId, userId, cancellationToken);

    public async Task<IReadOnlyList<LeaderboardRow>> LeaderboardAsync(Guid sessionId, CancellationToken cancellationToken) =>
        (await db.LiveParticipants.AsNoTracking().Where(p => p.SessionId == sessionId && !p.Removed)
            .Select(p => new { p.Id, p.DisplayName, p.Score, p.JoinedAt, Right = db.LiveAnswers.Count(a => a.ParticipantId == p.Id && a.Correct) })
            .ToListAsync(cancellationToken))
        .OrderByDescending(p => p.Score).ThenBy(p => p.JoinedAt).Select(p => new LeaderboardRow(p.Id, p.DisplayName, p.Score, p.Right)).ToList();

    /// <summary>The team's sessions, running first, then the latest ended.</summary>
    public async Task<IReadOnlyList<TeamLiveSession>> SessionsOfTeamAsync(Guid teamId, int endedShown, CancellationToken cancellationToken)
    {
        var sessions = db.LiveSessions.AsNoTracking().Where(s => s.TeamId == teamId);
        var running = await Rows(sessions.Where(s => s.State != LiveState.Ended).OrderByDescending(s => s.CreatedAt)).ToListAsync(cancellationToken);
        var ended = await Rows(sessions.Where(s => s.State == LiveState.Ended).OrderByDescending(s => s.EndedAt).Take(endedShown)).ToListAsync(cancellationToken);
        return [.. running, .. ended];

        IQueryable<TeamLiveSession> Rows(IQueryable<LiveSession> query) =>
            query.Select(s => new TeamLiveSession(s.Id, s.Code, s.State, s.Questions.Length, s.CreatedAt, s.EndedAt,
                db.LiveParticipants.Count(p => p.SessionId == s.Id && !p.Removed),
                db.Users.Where(u => u.Id == s.HostUserId).Select(u => u.DisplayName).FirstOrDefault() ?? ""));
    }

    public static (long VersionId, string QuestionId) Parse(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return (long.Parse(reference[..slash], System.Globalization.CultureInfo.InvariantCulture), reference[(slash + 1)..]);
    }


    private Task<bool> IsHostAsync(Guid teamId, string userId, CancellationToken cancellationToken) =>
        db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId && (m.Role == TeamRole.Host || m.Role == TeamRole.Owner), cancellationToken);

    private async Task<Seat> SeatAsync(LiveSession session, string? userId, string name, string token, CancellationToken cancellationToken)
    {
        var seat = new LiveParticipant
        {
            Id = Guid.NewGuid(), SessionId = session.Id, UserId = userId, DisplayName = name,
            TokenHash = SecretToken.Hash(token), JoinedAt = clock.GetUtcNow(),
        };
        db.LiveParticipants.Add(seat);
        await db.SaveChangesAsync(cancellationToken);
        return new Seat(seat.Id, session.Id, token);
    }
}
