using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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
/// The simulation behind a revealed question, for the room: each option's verdict (or the
/// measured value, the real order), the timeline, and the event log in moments (events at the same
/// instant), of which the host has shown <paramref name="Step"/>.
/// </summary>
public sealed record RevealDetail(string ScenarioId, string ScenarioTitle, AnswerDetail Detail, string TimelineSvg, IReadOnlyList<IReadOnlyList<TraceEvent>> Moments, int Step, string ExplanationHtml);

/// <summary>The participant's page: their view, the question's content (for its answer fields) and, once revealed, the simulation.</summary>
public sealed record SeatScreen(LiveView View, Question? Question, RevealDetail? Reveal, string? Problem = null);

/// <summary>One participant across the questions so far: right (true), wrong (false) or no answer (null), by question index.</summary>
public sealed record ConsoleRow(Guid ParticipantId, string DisplayName, int Score, IReadOnlyList<bool?> Right);

/// <summary>The host's console: the session, the question's content, the simulation once revealed, and who got what right.</summary>
public sealed record ConsoleScreen(LiveConsole View, Question? Question, RevealDetail? Reveal, IReadOnlyList<ConsoleRow> Rows, string? Problem = null);

/// <summary>
/// The screens of a live session, read from Postgres only: what a seat sees, what the host's
/// console shows, what a reveal says. The hub sends them; nothing here changes a session.
/// </summary>
public sealed class LiveScreens(PracticeDbContext db, LiveSessionService live, ScenarioLibrary library, AttemptGrader grader, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>What a question's reveal shows that is the same for every screen and every session: its scenario version's verdicts, timeline and moments.</summary>
    private sealed record QuestionReveal(string ScenarioId, string Title, AnswerDetail Detail, string TimelineSvg, IReadOnlyList<IReadOnlyList<TraceEvent>> Moments, string ExplanationHtml);

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

    public async Task<SeatScreen?> SeatScreenAsync(string? token, CancellationToken cancellationToken)
    {
        if (await live.SeatOfAsync(token, cancellationToken) is not var (seat, session))
        {
            return null;
        }
        var view = await SeatViewAsync(seat, session, cancellationToken);
        var question = view.Question is null ? null : (await live.QuestionAsync(session, session.QuestionIndex, cancellationToken)).Question;
        return new SeatScreen(view, question, session.State == LiveState.Revealed ? await RevealDetailAsync(session, cancellationToken) : null);
    }

    public async Task<ConsoleScreen> ConsoleScreenAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var view = await ConsoleAsync(sessionId, cancellationToken);
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        var question = view.Question is null ? null : (await live.QuestionAsync(session, session.QuestionIndex, cancellationToken)).Question;
        var asked = session.State == LiveState.Ended ? session.Questions.Length : Math.Max(0, session.QuestionIndex + 1);
        var answers = await db.LiveAnswers.AsNoTracking().Where(a => a.SessionId == sessionId)
            .Select(a => new { a.ParticipantId, a.QuestionIndex, a.Correct }).ToListAsync(cancellationToken);
        var rows = view.Seats.Select(seat => new ConsoleRow(seat.ParticipantId, seat.DisplayName, seat.Score,
            [.. Enumerable.Range(0, asked).Select(i => answers.FirstOrDefault(a => a.ParticipantId == seat.ParticipantId && a.QuestionIndex == i) is { } a ? (bool?)a.Correct : null)])).ToList();
        return new ConsoleScreen(view, question, session.State == LiveState.Revealed ? await RevealDetailAsync(session, cancellationToken) : null, rows);
    }

    /// <summary>The simulation behind the revealed question, as the result page shows it, and the moments of its event log.</summary>
    public async Task<RevealDetail> RevealDetailAsync(LiveSession session, CancellationToken cancellationToken)
    {
        var reveal = await QuestionRevealAsync(session, session.QuestionIndex, cancellationToken);
        return new RevealDetail(reveal.ScenarioId, reveal.Title, reveal.Detail, reveal.TimelineSvg, reveal.Moments, session.RevealStep, reveal.ExplanationHtml);
    }

    /// <summary>The event log in moments: the events at one instant, in order.</summary>
    public static IReadOnlyList<IReadOnlyList<TraceEvent>> Moments(Trace trace) =>
        [.. trace.Events.GroupBy(e => e.AtMs).OrderBy(g => g.Key).Select(g => (IReadOnlyList<TraceEvent>)[.. g])];

    /// <summary>How many moments the revealed question's event log has (the host steps through them).</summary>
    public async Task<int> MomentCountAsync(LiveSession session, CancellationToken cancellationToken) =>
        (await QuestionRevealAsync(session, session.QuestionIndex, cancellationToken)).Moments.Count;

    /// <summary>
    /// The current question's reveal. Choice questions count each option picked (a multi answer
    /// counts once for every option in it); other kinds count each distinct answer. The right
    /// answer is the grader's, from the scenario's run.
    /// </summary>
    public async Task<LiveReveal> RevealAsync(LiveSession session, CancellationToken cancellationToken)
    {
        var index = session.QuestionIndex;
        var (_, question) = await live.QuestionAsync(session, index, cancellationToken);
        var given = await db.LiveAnswers.AsNoTracking().Where(a => a.SessionId == session.Id && a.QuestionIndex == index).Select(a => a.Answer).ToListAsync(cancellationToken);
        var picks = question is ChoiceQuestion ? given.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries)) : given;
        var distribution = picks.GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new LiveReveal(index, distribution, await CorrectAnswerAsync(session, index, cancellationToken), session.Skipped.Contains(index));
    }

    /// <summary>Question <paramref name="index"/>'s right answer in the answer notation, as the grader has it from the scenario's run.</summary>
    public async Task<string> CorrectAnswerAsync(LiveSession session, int index, CancellationToken cancellationToken) =>
        CorrectText((await QuestionRevealAsync(session, index, cancellationToken)).Detail);

    /// <summary>
    /// Graded and drawn once per scenario version and question (versions never change), not on
    /// every screen's refresh: during a reveal each step makes every participant's screen read again.
    /// </summary>
    private async Task<QuestionReveal> QuestionRevealAsync(LiveSession session, int index, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync($"live-reveal:{session.Questions[index]}", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            var (scenario, question) = await live.QuestionAsync(session, index, cancellationToken);
            var run = await library.BaseRunAsync(db, scenario, cancellationToken);
            var trace = run.Run.Trace;
            return new QuestionReveal(scenario.Scenario.Id, scenario.Scenario.Title,
                grader.Grade(scenario.VersionId, run.Run, [], SimulationLimits.Default, cancellationToken).Questions[question.Id].Detail,
                Drawing.TimelineCharts.Render(scenario.Scenario.Spec, trace), Moments(trace), scenario.Scenario.ExplanationHtml);
        }))!;

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
