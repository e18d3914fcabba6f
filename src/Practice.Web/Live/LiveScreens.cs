using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Practice.Content.Questions;
using Practice.Data;
using Practice.Simulation;
using Practice.Web.Grading;

namespace Practice.Web.Live;

/// <summary>What a participant's screen needs for the current question. <paramref name="RemainingMs"/> is counted by the server when sent (null while paused or closed).</summary>
public sealed record LiveQuestion(int Index, int Count, string Kind, string Prompt, IReadOnlyList<LiveOption> Options, DateTimeOffset? Deadline, bool Paused, int? RemainingMs = null);

/// <summary>An option (single, multi), an item to put in order (order) or a step to choose (runbook).</summary>
public sealed record LiveOption(string Id, string Text);

/// <summary>A revealed question: how many picked each option (or gave each answer), the right answer, and whether the host skipped it.</summary>
public sealed record LiveReveal(int Index, IReadOnlyDictionary<string, int> Distribution, string Correct, bool Skipped);

/// <summary>The seat's own answer to the current question; right or wrong and its points only once revealed.</summary>
public sealed record LiveMine(string Answer, bool? Correct, int? Points);

/// <summary>Where a seat stands when it (re)connects or hears of a change: the session's state, the current question, the seat's score.</summary>
public sealed record LiveView(
    Guid SessionId, string State, LiveQuestion? Question, int Score, bool Answered,
    Guid ParticipantId = default, string DisplayName = "", LiveMine? Mine = null, LiveReveal? Reveal = null,
    IReadOnlyList<LeaderboardRow>? Leaderboard = null);

/// <summary>The host console's whole picture, read again on every change.</summary>
public sealed record LiveConsole(
    Guid SessionId, string State, string Code, int TimeLimitSeconds, bool AllowGuests, LiveQuestion? Question,
    int Answers, IReadOnlyList<LeaderboardRow> Seats, LiveReveal? Reveal);

/// <summary>
/// The screens of a live session, read from Postgres only: what a seat sees, what the host's
/// console shows, what a reveal says. The hub sends them; nothing here changes a session.
/// </summary>
public sealed class LiveScreens(PracticeDbContext db, LiveSessionService live, ScenarioLibrary library, AttemptGrader grader, TimeProvider clock)
{
    public async Task<LiveView> SeatViewAsync(LiveParticipant seat, LiveSession session, CancellationToken cancellationToken)
    {
        var question = await QuestionAsync(session, cancellationToken);
        var revealed = session.State == LiveState.Revealed;
        var mine = question is null ? null
            : await db.LiveAnswers.AsNoTracking().Where(a => a.ParticipantId == seat.Id && a.QuestionIndex == session.QuestionIndex)
                .Select(a => new LiveMine(a.Answer, revealed ? a.Correct : null, revealed ? a.Points : null)).SingleOrDefaultAsync(cancellationToken);
        var board = session.State is LiveState.Revealed or LiveState.Ended ? await live.LeaderboardAsync(session.Id, cancellationToken) : null;
        return new LiveView(session.Id, session.State.ToString(), question, seat.Score, mine is not null && session.State == LiveState.Open,
            seat.Id, seat.DisplayName, mine, revealed ? await RevealAsync(session, cancellationToken) : null, board);
    }

    public async Task<LiveConsole> ConsoleAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        var answers = session.QuestionIndex < 0 ? 0
            : await db.LiveAnswers.CountAsync(a => a.SessionId == sessionId && a.QuestionIndex == session.QuestionIndex, cancellationToken);
        return new LiveConsole(session.Id, session.State.ToString(), session.Code, session.TimeLimitSeconds, session.AllowGuests,
            await QuestionAsync(session, cancellationToken), answers, await live.LeaderboardAsync(sessionId, cancellationToken),
            session.State == LiveState.Revealed ? await RevealAsync(session, cancellationToken) : null);
    }

    /// <summary>
    /// The current question's reveal. Choice questions count each option picked (a multi answer
    /// counts once for every option in it); other kinds count each distinct answer. The right
    /// answer is the grader's, from the scenario's run.
    /// </summary>
    public async Task<LiveReveal> RevealAsync(LiveSession session, CancellationToken cancellationToken)
    {
        var index = session.QuestionIndex;
        var (scenario, question) = await live.QuestionAsync(session, index, cancellationToken);
        var given = await db.LiveAnswers.AsNoTracking().Where(a => a.SessionId == session.Id && a.QuestionIndex == index).Select(a => a.Answer).ToListAsync(cancellationToken);
        var picks = question is ChoiceQuestion ? given.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries)) : given;
        var distribution = picks.GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var run = await library.BaseRunAsync(db, scenario, cancellationToken);
        var detail = grader.Grade(scenario.VersionId, run.Run, [], SimulationLimits.Default, cancellationToken).Questions[question.Id].Detail;
        return new LiveReveal(index, distribution, CorrectText(detail), session.Skipped.Contains(index));
    }

    public async Task<LiveQuestion?> QuestionAsync(LiveSession session, CancellationToken cancellationToken)
    {
        if (session.State is not (LiveState.Open or LiveState.Closed or LiveState.Revealed) || session.QuestionIndex < 0)
        {
            return null;
        }
        var (_, question) = await live.QuestionAsync(session, session.QuestionIndex, cancellationToken);
        IReadOnlyList<LiveOption> options = question switch
        {
            ChoiceQuestion choice => [.. choice.Options.Select(o => new LiveOption(o.Id, o.Text))],
            OrderQuestion order => [.. order.Items.Select(i => new LiveOption(i.Id, i.Text))],
            RunbookQuestion runbook => [.. runbook.Choices.Select(c => new LiveOption(c.Id, c.Text))],
            _ => [],
        };
        int? remaining = session.State == LiveState.Open
            ? session.PausedRemainingMs ?? (int)Math.Max(0, Math.Ceiling((session.Deadline!.Value - clock.GetUtcNow()).TotalMilliseconds))
            : null;
        return new LiveQuestion(session.QuestionIndex, session.Questions.Length, question.KindName, question.Prompt, options, session.Deadline, session.IsPaused, remaining);
    }

    /// <summary>The right answer in the answer notation; a number question's accepted band.</summary>
    private static string CorrectText(AnswerDetail detail) =>
        detail.CorrectAnswer is { Length: > 0 } correct ? correct
        : detail.Number is { AcceptedFrom: { } from, AcceptedTo: { } to } ? from == to ? Number(from) : $"{Number(from)} to {Number(to)}"
        : detail.Number is { Value: { } value } ? Number(value)
        : "";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
