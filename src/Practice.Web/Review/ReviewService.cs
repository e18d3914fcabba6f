using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
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
        var attempt = await db.Attempts.AsNoTracking().Where(a => a.Id == attemptId && a.Status == AttemptStatus.Graded)
            .Select(a => new RatedAttempt(a.Id, a.LearnerId, a.ScenarioVersion!.ScenarioId, a.Correct ?? 0, a.QuestionCount, a.CreatedAt, a.OpenedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (await AddRatingAsync(attempt, cancellationToken))
            {
                await db.SaveAndCommitAsync(transaction, cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// In the caller's transaction: rates the attempt's card, written by the context's next
    /// SaveChanges. False, with nothing added, when there is nothing to rate: no questions were
    /// asked, or this attempt has rated the card already.
    /// </summary>
    public async Task<bool> AddRatingAsync(RatedAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.QuestionCount == 0 || await LockCardAsync(attempt, cancellationToken) is not { } card)
        {
            return false;
        }
        Rate(attempt, card);
        return true;
    }

    /// <summary>A review card as it stood when its row was locked, with its row version (xmin).</summary>
    private sealed record LockedCard(FsrsCard Card, uint RowVersion);

    /// <summary>
    /// In the caller's transaction, in one round trip: makes the learner's card for the scenario if
    /// this is its first grade, locks it and reads it. The lock makes two gradings of the same
    /// scenario (two workers, two tabs) rate one after the other, each from the card as the other
    /// left it. Null when this attempt has rated the card already.
    /// </summary>
    private async Task<LockedCard?> LockCardAsync(RatedAttempt attempt, CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("the card is locked inside a transaction")).GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(Command("""
            INSERT INTO review_cards ("LearnerId", "ScenarioId", "State", "Step", "Due", "Reviews") VALUES (@learner, @scenario, 1, 0, @created, 0)
            ON CONFLICT DO NOTHING
            """, ("learner", attempt.LearnerId), ("scenario", attempt.ScenarioId), ("created", attempt.CreatedAt)));
        // A statement of its own, so it sees the card another transaction made and committed meanwhile.
        batch.BatchCommands.Add(Command("""
            SELECT "State", "Step", "Stability", "Difficulty", "Due", "LastReview", "Reviews", xmin,
                   EXISTS (SELECT 1 FROM review_logs WHERE "AttemptId" = @attempt)
            FROM review_cards WHERE "LearnerId" = @learner AND "ScenarioId" = @scenario
            FOR UPDATE
            """, ("learner", attempt.LearnerId), ("scenario", attempt.ScenarioId), ("attempt", attempt.AttemptId)));
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken) || r.GetBoolean(8))
        {
            return null;
        }
        return new LockedCard(
            new FsrsCard((CardState)r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3),
                r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.GetInt32(6)),
            r.GetFieldValue<uint>(7));
    }

    /// <summary>Rates a card locked by <see cref="LockCardAsync"/>: the card and its rating's log are written by the context's next SaveChanges.</summary>
    private void Rate(RatedAttempt attempt, LockedCard locked)
    {
        var before = locked.Card;
        // Ratings apply in the order the attempts were made; a late grade does not go back in time.
        var at = before.LastReview is { } last && last > attempt.CreatedAt ? last : attempt.CreatedAt;
        var taken = attempt.OpenedAt is { } opened && opened <= attempt.CreatedAt ? attempt.CreatedAt - opened : (TimeSpan?)null;
        var rating = ReviewRating.Of(attempt.Correct, attempt.QuestionCount, taken, before.State == CardState.Review);
        var after = Scheduler.Review(before, rating, at, $"{attempt.LearnerId:N}/{attempt.ScenarioId}");
        var card = new ReviewCard
        {
            LearnerId = attempt.LearnerId, ScenarioId = attempt.ScenarioId, State = (int)after.State, Step = after.Step, Stability = after.Stability,
            Difficulty = after.Difficulty, Due = after.Due, LastReview = after.LastReview, Reviews = after.Reviews,
        };
        var entry = db.ReviewCards.Attach(card);
        entry.State = EntityState.Modified;
        entry.Property(c => c.RowVersion).OriginalValue = locked.RowVersion;
        db.ReviewLogs.Add(new ReviewLog
        {
            LearnerId = attempt.LearnerId, ScenarioId = attempt.ScenarioId, AttemptId = attempt.AttemptId, Rating = (int)rating, ReviewedAt = at,
            DueAfter = after.Due, StateAfter = (int)after.State, StabilityAfter = after.Stability!.Value, DifficultyAfter = after.Difficulty!.Value,
        });
        logger.LogDebug("Attempt {AttemptId} rated {Rating}; {ScenarioId} due {Due}", attempt.AttemptId, rating, attempt.ScenarioId, after.Due);
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
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
