using Microsoft.EntityFrameworkCore;
using Practice.Content.Questions;
using Practice.Data;

namespace Practice.Web.Live;

/// <summary>A question of a session as asked: its scenario, its content, and whether the host skipped it.</summary>
public sealed record ResultQuestion(int Index, string ScenarioId, string ScenarioTitle, Question Question, bool Skipped);

/// <summary>A seat's answers by question index (null: no answer).</summary>
public sealed record ResultSeat(Guid Id, string DisplayName, bool Guest, bool Removed, int Score, IReadOnlyList<LiveAnswer?> Answers);

/// <summary>A session after (or while) it runs: for its page, the team's list and the host's CSV.</summary>
public sealed record SessionResults(
    Guid Id, Guid TeamId, string TeamName, string HostName, LiveState State, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt,
    IReadOnlyList<ResultQuestion> Questions, IReadOnlyList<ResultSeat> Seats);

/// <summary>Reads a session's results: every seat (removed ones too, marked) with every answer, in leaderboard order.</summary>
public sealed class LiveResults(PracticeDbContext db, LiveSessionService live)
{
    public async Task<SessionResults?> OfAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var names = await db.Teams.Where(t => t.Id == session.TeamId)
            .Select(t => new { Team = t.Name, Host = db.Users.Where(u => u.Id == session.HostUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var questions = new List<ResultQuestion>();
        for (var i = 0; i < session.Questions.Length; i++)
        {
            var (scenario, question) = await live.QuestionAsync(session, i, cancellationToken);
            questions.Add(new ResultQuestion(i, scenario.Scenario.Id, scenario.Scenario.Title, question, session.Skipped.Contains(i)));
        }
        var seats = await db.LiveParticipants.AsNoTracking().Where(p => p.SessionId == sessionId).ToListAsync(cancellationToken);
        var answers = await db.LiveAnswers.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync(cancellationToken);
        var rows = seats.OrderBy(p => p.Removed).ThenByDescending(p => p.Score).ThenBy(p => p.JoinedAt)
            .Select(p => new ResultSeat(p.Id, p.DisplayName, p.UserId is null, p.Removed, p.Score,
                [.. Enumerable.Range(0, questions.Count).Select(i => answers.FirstOrDefault(a => a.ParticipantId == p.Id && a.QuestionIndex == i))]))
            .ToList();
        return new SessionResults(session.Id, session.TeamId, names.Team, names.Host ?? "", session.State, session.CreatedAt, session.EndedAt, questions, rows);
    }

    /// <summary>Whether the user is in the session's team (any role): who may see its page.</summary>
    public async Task<bool> IsTeamMemberAsync(Guid sessionId, string? userId, CancellationToken cancellationToken) =>
        userId is not null
        && await db.LiveSessions.Where(s => s.Id == sessionId)
            .AnyAsync(s => db.TeamMembers.Any(m => m.TeamId == s.TeamId && m.UserId == userId), cancellationToken);
}
