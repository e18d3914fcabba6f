using Microsoft.EntityFrameworkCore;
using Practice.Web.Infrastructure;
using Practice.Data;
using Practice.Web.Review.Scheduling;

namespace Practice.Web.Review;

/// <summary>A scenario in the review queue: due at <paramref name="Due"/>.</summary>
public sealed record DueCard(string ScenarioId, string Title, DateTimeOffset Due);

/// <summary>What is due now (all of it counted, the first few listed) and what comes next.</summary>
public sealed record ReviewQueue(int DueCount, IReadOnlyList<DueCard> Due, IReadOnlyList<DueCard> Next);

/// <summary>A graded attempt as its rating needs it: whose card, how it went, when it was opened and sent.</summary>
public sealed record RatedAttempt(Guid AttemptId, Guid LearnerId, string ScenarioId, int Correct, int QuestionCount, DateTimeOffset CreatedAt, DateTimeOffset? OpenedAt);

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
    /// Rates the card of a graded attempt's scenario, once per attempt (a second call changes
    /// nothing). Recording a grade rates in its own transaction (<see cref="AddRatingAsync"/>);
    /// this is for a grade recorded without its rating, which the sweep finds.
    /// </summary>
    public async Task RateAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            var attempt = await db.Attempts.AsNoTracking().Where(a => a.Id == attemptId && a.Status == AttemptStatus.Graded && !db.ReviewLogs.Any(l => l.AttemptId == a.Id))
                .Select(a => new RatedAttempt(a.Id, a.LearnerId, a.ScenarioVersion!.ScenarioId, a.Correct ?? 0, a.QuestionCount, a.CreatedAt, a.OpenedAt))
                .SingleOrDefaultAsync(cancellationToken);
            try
            {
                if (attempt is null || !await AddRatingAsync(attempt, cancellationToken))
                {
                    return;
                }
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (IsRatingConflict(e) && tries < MaxRatingTries)
            {
                // Another grade of the scenario rated the card since it was read: read it again.
            }
            catch (DbUpdateException e) when (TransactionWrites.IsUniqueViolation(e, "review_logs", RatedOnceIndex))
            {
                return; // rated by another call meanwhile
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>How often a rating is tried again when other grades of the same scenario keep rating its card first.</summary>
    public const int MaxRatingTries = 10;

    private const string RatedOnceIndex = "IX_review_logs_AttemptId";

    /// <summary>
    /// Adds the rating of the attempt's card to the context, for its next SaveChanges: the card
    /// as read now (one query; a new card if this is the scenario's first grade) rated, and the
    /// rating's log. False, with nothing added, when no questions were asked.
    /// </summary>
    /// <remarks>
    /// Optimistic: nothing is locked. Two grades of one scenario rating the card at once read the
    /// same card, and both logs carry the same number (the card's review count after it), which
    /// the unique index on (learner, scenario, number) lets only one of them store. The other's
    /// save fails as a whole (<see cref="IsRatingConflict"/>) and is tried again from a fresh read,
    /// so each rates the card as the other left it, in one statement batch with the rest.
    /// </remarks>
    public async Task<bool> AddRatingAsync(RatedAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.QuestionCount == 0)
        {
            return false;
        }
        Rate(attempt, await CardOf(db, attempt.LearnerId, attempt.ScenarioId, cancellationToken));
        return true;
    }

    /// <summary>
    /// A learner's card for a scenario, untracked. Compiled once: each grade reads one, and a
    /// query built each time cost the grade about a tenth of its CPU in finding its cached plan.
    /// </summary>
    private static readonly Func<PracticeDbContext, Guid, string, CancellationToken, Task<ReviewCard?>> CardOf =
        EF.CompileAsyncQuery((PracticeDbContext db, Guid learnerId, string scenarioId, CancellationToken _) =>
            db.ReviewCards.AsNoTracking().SingleOrDefault(c => c.LearnerId == learnerId && c.ScenarioId == scenarioId));

    /// <summary>
    /// A save that failed because another grade rated the same card first (its log took the
    /// number, or its new card the key, or the card changed since it was read): try again.
    /// </summary>
    public static bool IsRatingConflict(DbUpdateException e) =>
        e is DbUpdateConcurrencyException concurrency ? concurrency.Entries.Any(entry => entry.Entity is ReviewCard)
        : TransactionWrites.UniqueViolation(e) is { } unique
          && (unique.TableName == "review_cards" || unique.TableName == "review_logs" && unique.ConstraintName != RatedOnceIndex);

    /// <summary>Rates the card as read (null: none yet): the card and its rating's log are written by the context's next SaveChanges.</summary>
    private void Rate(RatedAttempt attempt, ReviewCard? stored)
    {
        var before = stored is null
            ? FsrsCard.New(attempt.CreatedAt)
            : new FsrsCard((CardState)stored.State, stored.Step, stored.Stability, stored.Difficulty, stored.Due, stored.LastReview, stored.Reviews);
        // Ratings apply in the order the attempts were made; a late grade does not go back in time.
        var at = before.LastReview is { } last && last > attempt.CreatedAt ? last : attempt.CreatedAt;
        var taken = attempt.OpenedAt is { } opened && opened <= attempt.CreatedAt ? attempt.CreatedAt - opened : (TimeSpan?)null;
        var rating = ReviewRating.Of(attempt.Correct, attempt.QuestionCount, taken, before.State == CardState.Review);
        var after = Scheduler.Review(before, rating, at, $"{attempt.LearnerId:N}/{attempt.ScenarioId}");
        var card = stored ?? new ReviewCard { LearnerId = attempt.LearnerId, ScenarioId = attempt.ScenarioId };
        (card.State, card.Step, card.Stability, card.Difficulty, card.Due, card.LastReview, card.Reviews) =
            ((int)after.State, after.Step, after.Stability, after.Difficulty, after.Due, after.LastReview, after.Reviews);
        if (stored is null)
        {
            db.ReviewCards.Add(card);
        }
        else
        {
            db.ReviewCards.Update(card); // the row version read goes in the UPDATE's WHERE
        }
        db.ReviewLogs.Add(new ReviewLog
        {
            LearnerId = attempt.LearnerId, ScenarioId = attempt.ScenarioId, AttemptId = attempt.AttemptId, Number = after.Reviews, Rating = (int)rating, ReviewedAt = at,
            DueAfter = after.Due, StateAfter = (int)after.State, StabilityAfter = after.Stability!.Value, DifficultyAfter = after.Difficulty!.Value,
        });
        logger.LogDebug("Attempt {AttemptId} rated {Rating}; {ScenarioId} due {Due}", attempt.AttemptId, rating, attempt.ScenarioId, after.Due);
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
