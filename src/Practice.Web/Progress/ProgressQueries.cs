using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Practice.Data;

namespace Practice.Web.Progress;

/// <summary>One day of practice in the learner's time zone: questions answered and how many right.</summary>
public sealed record PracticeDay(DateOnly Day, int Answers, int Right);

/// <summary>Mastery of a module or a component: the last (at most) <see cref="ProgressQueries.MasteryWindow"/> answers touching it.</summary>
public sealed record Mastery(string Name, int Answers, int Right)
{
    public bool Enough => Answers >= ProgressQueries.MasteryMinimum;

    public double Share => Answers == 0 ? 0 : (double)Right / Answers;

    /// <summary>The three weakest with enough answers to judge and something wrong, weakest first (more answers first on a tie, then by name).</summary>
    public static IReadOnlyList<Mastery> WeakestOf(IEnumerable<Mastery> all) =>
        [.. all.Where(c => c.Enough && c.Right < c.Answers)
            .OrderBy(c => c.Share).ThenByDescending(c => c.Answers).ThenBy(c => c.Name, StringComparer.Ordinal).Take(3)];
}

/// <summary>What the progress page and the home card show, computed in the database.</summary>
public sealed record ProgressSummary(IReadOnlyList<PracticeDay> Days, IReadOnlyList<Mastery> Modules, IReadOnlyList<Mastery> Components, IReadOnlyList<RetryCandidate> ToRetry)
{
    public static readonly ProgressSummary Empty = new([], [], [], []);

    /// <summary>Every attempt of the learner, whatever its state (the unfiltered history's length).</summary>
    public int Attempts { get; init; }

    public bool HasAnswers => Days.Count > 0;

    public int TotalAnswers => Days.Sum(d => d.Answers);

    /// <summary>The three weakest components with enough answers to judge, weakest first.</summary>
    public IReadOnlyList<Mastery> Weakest => Mastery.WeakestOf(Components);
}

/// <summary>A filtered page of the learner's attempts, newest first.</summary>
public sealed record HistoryFilter(string? Module, string? Component, string? Kind, string? Result, DateOnly? From, DateOnly? To, int Page);

public sealed record HistoryRow(Guid Id, string ScenarioId, string Title, DateTimeOffset At, AttemptStatus Status, int? Correct, int QuestionCount);

/// <summary>A scenario whose latest attempt got questions wrong: retry those.</summary>
public sealed record RetryCandidate(Guid AttemptId, string ScenarioId, string Title, int Wrong, DateTimeOffset At);

public sealed record HistoryPage(IReadOnlyList<HistoryRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The learner's progress, read from <c>attempt_answers</c> by SQL aggregation (never by loading
/// attempts into memory). Only answered questions of graded attempts count: a question left
/// blank says nothing of what the learner knows. Days are the learner's own (their time zone).
/// </summary>
/// <remarks>
/// The summary of a learner with thousands of answers takes the database a few hundred
/// milliseconds, and changes only when an attempt of theirs is graded, failed, merged or
/// removed. So it is kept in memory beside a stamp read on every request (how many attempts the
/// learner has and when one was last graded, one index range): a changed stamp computes it
/// again. Each replica keeps its own; none can serve a summary older than the database.
/// </remarks>
public sealed class ProgressQueries(PracticeDbContext db, IMemoryCache cache)
{
    public const int MasteryWindow = 20;
    public const int MasteryMinimum = 3;
    public const int HistoryPageSize = 20;
    public const int RetryCount = 5;

    private static readonly System.Linq.Expressions.Expression<Func<Attempt, HistoryRow>> AsHistoryRow =
        a => new HistoryRow(a.Id, a.ScenarioVersion!.ScenarioId, a.ScenarioVersion.Title, a.CreatedAt, a.Status, a.Correct, a.QuestionCount);

    public async Task<ProgressSummary> SummaryAsync(Guid learner, string timeZone, CancellationToken cancellationToken)
    {
        var stamp = await db.Database.SqlQuery<Stamp>($"""
            SELECT count(*)::int AS "Attempts", max("GradedAt") AS "LastGraded"
              FROM attempts WHERE "LearnerId" = {learner}
            """).SingleAsync(cancellationToken);
        if (stamp.Attempts == 0)
        {
            return ProgressSummary.Empty;
        }
        var key = $"progress:{learner:N}:{timeZone}";
        if (cache.TryGetValue(key, out CachedSummary? cached) && cached!.Stamp == stamp)
        {
            return cached.Summary;
        }
        var summary = await ComputeAsync(learner, timeZone, cancellationToken) with { Attempts = stamp.Attempts };
        cache.Set(key, new CachedSummary(stamp, summary), new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        return summary;
    }

    private async Task<ProgressSummary> ComputeAsync(Guid learner, string timeZone, CancellationToken cancellationToken)
    {
        var days = await db.Database.SqlQuery<PracticeDay>($"""
            SELECT (t."CreatedAt" AT TIME ZONE {timeZone})::date AS "Day",
                   count(*)::int AS "Answers",
                   count(*) FILTER (WHERE a."Correct")::int AS "Right"
              FROM attempt_answers a
              JOIN attempts t ON t."Id" = a."AttemptId"
             WHERE a."LearnerId" = {learner} AND a."Answer" IS NOT NULL AND a."Correct" IS NOT NULL
             GROUP BY 1
             ORDER BY 1 DESC
            """).ToListAsync(cancellationToken);
        var mastery = await db.Database.SqlQuery<MasteryRow>($"""
            WITH answered AS (
                SELECT a."Correct" AS correct, a."ModuleId" AS module, a."Components" AS components,
                       t."CreatedAt" AS at, a."AttemptId" AS attempt, a."Position" AS position
                  FROM attempt_answers a
                  JOIN attempts t ON t."Id" = a."AttemptId"
                 WHERE a."LearnerId" = {learner} AND a."Answer" IS NOT NULL AND a."Correct" IS NOT NULL),
            ranked AS (
                SELECT 'component' AS kind, c AS name, correct,
                       row_number() OVER (PARTITION BY c ORDER BY at DESC, attempt, position) AS rank
                  FROM answered, unnest(components) AS c
                UNION ALL
                SELECT 'module', module, correct,
                       row_number() OVER (PARTITION BY module ORDER BY at DESC, attempt, position)
                  FROM answered)
            SELECT kind AS "Kind", name AS "Name", count(*)::int AS "Answers", count(*) FILTER (WHERE correct)::int AS "Right"
              FROM ranked
             WHERE rank <= {MasteryWindow}
             GROUP BY kind, name
            """).ToListAsync(cancellationToken);
        return new ProgressSummary(days,
            [.. mastery.Where(m => m.Kind == "module").Select(m => new Mastery(m.Name, m.Answers, m.Right))],
            [.. mastery.Where(m => m.Kind == "component").Select(m => new Mastery(m.Name, m.Answers, m.Right)).OrderBy(m => m.Name, StringComparer.Ordinal)],
            await ToRetryAsync(learner, RetryCount, cancellationToken));
    }

    /// <param name="fromUtc">The start of <see cref="HistoryFilter.From"/> in the learner's zone, as an instant.</param>
    /// <param name="toUtc">The end of <see cref="HistoryFilter.To"/> (the next day's start), as an instant.</param>
    /// <param name="unfilteredTotal">How many attempts the learner has, when already known (the summary's stamp): no filter, no count.</param>
    public async Task<HistoryPage> HistoryAsync(Guid learner, HistoryFilter filter, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken, int? unfilteredTotal = null)
    {
        var attempts = db.Attempts.AsNoTracking().Where(a => a.LearnerId == learner);
        if (filter.Module is { Length: > 0 } module)
        {
            attempts = attempts.Where(a => a.ScenarioVersion!.ModuleId == module);
        }
        if (filter.Component is { Length: > 0 } component)
        {
            attempts = attempts.Where(a => a.ScenarioVersion!.Components.Contains(component));
        }
        if (filter.Kind is { Length: > 0 } kind)
        {
            attempts = attempts.Where(a => a.ScenarioVersion!.QuestionKinds.Contains(kind));
        }
        attempts = filter.Result switch
        {
            "right" => attempts.Where(a => a.Status == AttemptStatus.Graded && a.Correct == a.QuestionCount),
            "wrong" => attempts.Where(a => a.Status == AttemptStatus.Graded && a.Correct < a.QuestionCount),
            _ => attempts,
        };
        if (fromUtc is { } from)
        {
            attempts = attempts.Where(a => a.CreatedAt >= from);
        }
        if (toUtc is { } to)
        {
            attempts = attempts.Where(a => a.CreatedAt < to);
        }
        var filtered = filter is not { Module: null or "", Component: null or "", Kind: null or "", Result: null or "" } || fromUtc is not null || toUtc is not null;
        var total = !filtered && unfilteredTotal is { } known ? known : await attempts.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + HistoryPageSize - 1) / HistoryPageSize));
        var rows = await attempts.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Skip((page - 1) * HistoryPageSize).Take(HistoryPageSize)
            .Select(AsHistoryRow).ToListAsync(cancellationToken);
        return new HistoryPage(rows, total, page, HistoryPageSize);
    }

    /// <summary>Scenarios whose latest graded attempt got something wrong, most recent first.</summary>
    private async Task<IReadOnlyList<RetryCandidate>> ToRetryAsync(Guid learner, int count, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<RetryCandidate>($"""
            SELECT * FROM (
                SELECT DISTINCT ON (v."ScenarioId") t."Id" AS "AttemptId", v."ScenarioId", v."Title",
                       t."QuestionCount" - t."Correct" AS "Wrong", t."CreatedAt" AS "At"
                  FROM attempts t
                  JOIN scenario_versions v ON v."Id" = t."ScenarioVersionId"
                 WHERE t."LearnerId" = {learner} AND t."Status" = 'Graded'
                 ORDER BY v."ScenarioId", t."CreatedAt" DESC) latest
             WHERE "Wrong" > 0
             ORDER BY "At" DESC
             LIMIT {count}
            """).ToListAsync(cancellationToken);

    /// <summary>The learner's newest attempt, for "continue where you left off".</summary>
    public Task<HistoryRow?> LatestAsync(Guid learner, CancellationToken cancellationToken) =>
        db.Attempts.AsNoTracking().Where(a => a.LearnerId == learner).OrderByDescending(a => a.CreatedAt)
            .Select(AsHistoryRow).FirstOrDefaultAsync(cancellationToken);

    internal sealed record MasteryRow(string Kind, string Name, int Answers, int Right);

    internal sealed record Stamp(int Attempts, DateTimeOffset? LastGraded);

    private sealed record CachedSummary(Stamp Stamp, ProgressSummary Summary);
}
