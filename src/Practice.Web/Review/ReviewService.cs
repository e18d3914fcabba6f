using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Review.Scheduling;

namespace Practice.Web.Review;

/// <summary>A scenario in the review queue: due at <paramref name="Due"/>.</summary>
public sealed record DueCard(string ScenarioId, string Title, DateTimeOffset Due);

/// <summary>What is due now (all of it counted, the first few listed) and what comes next.</summary>
public sealed record ReviewQueue(int DueCount, IReadOnlyList<DueCard> Due, IReadOnlyList<DueCard> Next);

/// <summary>A card's past ratings and where it stands.</summary>
public sealed record CardHistory(ReviewCard Card, IReadOnlyList<ReviewLog> Ratings);

/// <summary>
/// Spaced review over the attempt record: each graded attempt rates its learner's card for the
/// scenario once (FSRS-6, <see cref="FsrsScheduler"/>), and the queue reads the cards due.
/// </summary>
public sealed class ReviewService(PracticeDbContext db, IConfiguration configuration, ILogger<ReviewService> logger)
{
    private static readonly FsrsScheduler Fuzzed = new();
    private static readonly FsrsScheduler Exact = new(FsrsParameters.Default, fuzz: false);

    /// <summary>Practice:Review:Fuzz (true unless set): spread Review intervals a little, as FSRS does, so cards learnt together do not fall due together.</summary>
    private FsrsScheduler Scheduler => configuration.GetValue("Practice:Review:Fuzz", true) ? Fuzzed : Exact;

    /// <summary>
    /// Rates the card of a graded attempt's scenario; once per attempt (a second call changes
    /// nothing). The card's row is created if missing and then locked, so two gradings of the same
    /// scenario (two workers, a retried job) rate one after the other, each from the card as the
    /// other left it.
    /// </summary>
    public async Task RateAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.AsNoTracking().Where(a => a.Id == attemptId && a.Status == AttemptStatus.Graded)
            .Select(a => new { a.LearnerId, a.Correct, a.QuestionCount, a.CreatedAt, a.OpenedAt, a.ScenarioVersion!.ScenarioId })
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null || attempt.QuestionCount == 0)
        {
            return;
        }
        var (learner, scenario) = (attempt.LearnerId, attempt.ScenarioId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO review_cards ("LearnerId", "ScenarioId", "State", "Step", "Due", "Reviews") VALUES ({learner}, {scenario}, 1, 0, {attempt.CreatedAt}, 0)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM review_cards WHERE "LearnerId" = {learner} AND "ScenarioId" = {scenario} FOR UPDATE""", cancellationToken);
        if (await db.ReviewLogs.AnyAsync(l => l.AttemptId == attemptId, cancellationToken))
        {
            return;
        }
        var card = await db.ReviewCards.SingleAsync(c => c.LearnerId == learner && c.ScenarioId == scenario, cancellationToken);
        var before = new FsrsCard((CardState)card.State, card.Step, card.Stability, card.Difficulty, card.Due, card.LastReview, card.Reviews);
        // Ratings apply in the order the attempts were made; a late grade does not go back in time.
        var at = before.LastReview is { } last && last > attempt.CreatedAt ? last : attempt.CreatedAt;
        var taken = attempt.OpenedAt is { } opened && opened <= attempt.CreatedAt ? attempt.CreatedAt - opened : (TimeSpan?)null;
        var rating = ReviewRating.Of(attempt.Correct ?? 0, attempt.QuestionCount, taken, before.State == CardState.Review);
        var after = Scheduler.Review(before, rating, at, $"{learner:N}/{scenario}");
        (card.State, card.Step, card.Stability, card.Difficulty, card.Due, card.LastReview, card.Reviews) =
            ((int)after.State, after.Step, after.Stability, after.Difficulty, after.Due, after.LastReview, after.Reviews);
        db.ReviewLogs.Add(new ReviewLog
        {
            LearnerId = learner, ScenarioId = scenario, AttemptId = attemptId, Rating = (int)rating, ReviewedAt = at,
            DueAfter = after.Due, StateAfter = (int)after.State, StabilityAfter = after.Stability!.Value, DifficultyAfter = after.Difficulty!.Value,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogDebug("Attempt {AttemptId} rated {Rating}; {ScenarioId} due {Due}", attemptId, rating, scenario, after.Due);
    }

    /// <summary>The learner's queue at <paramref name="now"/>: every card due counted, the first <paramref name="take"/> listed, and the next few to come.</summary>
    public async Task<ReviewQueue> QueueAsync(Guid learnerId, DateTimeOffset now, int take, CancellationToken cancellationToken)
    {
        var cards = db.ReviewCards.AsNoTracking().Where(c => c.LearnerId == learnerId)
            .Join(db.Scenarios.Where(s => s.RetiredAt == null), c => c.ScenarioId, s => s.Id, (c, s) => new { c.ScenarioId, c.Due, s.CurrentVersion!.Title });
        var count = await cards.CountAsync(c => c.Due <= now, cancellationToken);
        var due = await cards.Where(c => c.Due <= now).OrderBy(c => c.Due).Take(take)
            .Select(c => new DueCard(c.ScenarioId, c.Title, c.Due)).ToListAsync(cancellationToken);
        var next = await cards.Where(c => c.Due > now).OrderBy(c => c.Due).Take(take)
            .Select(c => new DueCard(c.ScenarioId, c.Title, c.Due)).ToListAsync(cancellationToken);
        return new ReviewQueue(count, due, next);
    }

    /// <summary>The learner's card for a scenario with its ratings, newest first; null before the first graded attempt.</summary>
    public async Task<CardHistory?> HistoryAsync(Guid learnerId, string scenarioId, CancellationToken cancellationToken)
    {
        var card = await db.ReviewCards.AsNoTracking().SingleOrDefaultAsync(c => c.LearnerId == learnerId && c.ScenarioId == scenarioId, cancellationToken);
        if (card is null)
        {
            return null;
        }
        var ratings = await db.ReviewLogs.AsNoTracking().Where(l => l.LearnerId == learnerId && l.ScenarioId == scenarioId)
            .OrderByDescending(l => l.ReviewedAt).ThenByDescending(l => l.Id).Take(50).ToListAsync(cancellationToken);
        return new CardHistory(card, ratings);
    }
}
