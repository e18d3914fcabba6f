using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Review;
using static Practice.Web.Infrastructure.TransactionWrites;

namespace Practice.Web.Grading;

/// <summary>A learner's answers to one scenario version, read and validated by the question kinds (see <c>AnswerForm</c>).</summary>
/// <param name="UserId">The account signed in, if any; its attempts carry its learner id in <paramref name="LearnerId"/>.</param>
/// <param name="Retry">Set when only the questions another attempt got wrong are asked.</param>
/// <param name="Asked">Set when only these questions were asked (a live session's); null with no retry: all of them.</param>
/// <param name="LiveSessionId">The live session the answers were given in.</param>
/// <param name="Scenario">The variant answered (its seed is stored on the attempt).</param>
public sealed record Submission(Guid LearnerId, ScenarioAtVersion Scenario, string IdempotencyKey, IReadOnlyDictionary<string, string> Answers, string? UserId = null, Retry? Retry = null,
    IReadOnlyList<string>? Asked = null, Guid? LiveSessionId = null, DateTimeOffset? OpenedAt = null, Guid? ExamSittingId = null)
{
    /// <summary>The console transcript (JSON) of a runbook question answered in the incident console, by question id.</summary>
    public IReadOnlyDictionary<string, string> Transcripts { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// What the Grade step came to: the grade of the scenario variant answered, with the base run it
/// was measured on, or the reason grading cannot finish (<paramref name="Error"/> is what was thrown).
/// </summary>
public sealed record GradeOutcome(ScenarioAtVersion? Scenario, AttemptGrade? Grade, BaseRun? BaseRun, string? FailedBecause = null, Exception? Error = null)
{
    public static GradeOutcome Graded(ScenarioAtVersion scenario, AttemptGrade grade, BaseRun baseRun) => new(scenario, grade, baseRun);

    public static GradeOutcome Failed(string reason, Exception error) => new(null, null, null, reason, error);
}

/// <summary>
/// The attempt's writes, one transaction each: <see cref="SubmitAsync"/> stores the attempt and
/// its answers (graded, with Record's writes, when inline grading graded it first); <see cref="RecordAsync"/> the grade, its answer rows and the runs it needed, in
/// one SaveChanges; <see cref="FailAsync"/> the reason grading could not finish;
/// <see cref="RetryAsync"/> puts a failed attempt back; <see cref="QueuedAsync"/> notes its job.
/// The attempt's own methods refuse a transition from the wrong state, and each step reports
/// whether it changed anything.
/// </summary>
public sealed class AttemptSteps(PracticeDbContext db, ScenarioLibrary library, ReviewService review, TimeProvider clock, ILogger<AttemptSteps> logger)
{
    /// <summary>
    /// Stores a new attempt; for a repeated idempotency key, the attempt stored first. With
    /// <paramref name="gradedFirst"/> (inline grading, worked out before anything was written) it
    /// is stored graded, Record's rows and its review rating in the same transaction, or failed
    /// with the reason; without, it is stored pending, for <see cref="RecordAsync"/> later.
    /// </summary>
    public async Task<(Guid Id, bool Created)> SubmitAsync(Submission submission, GradeOutcome? gradedFirst, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            var attempt = NewAttempt(submission);
            // Graded or failed before it is added: the context tracks it, and its rows, as they are stored.
            if (gradedFirst is { Grade: { } grade })
            {
                attempt.RecordGrade(grade.Grades, Unanswered(attempt, submission.Scenario), "inline", clock.GetUtcNow());
            }
            else if (gradedFirst is { FailedBecause: { } reason })
            {
                attempt.RecordFailure(Truncate(reason, 2000), clock.GetUtcNow());
            }
            db.Attempts.Add(attempt);
            try
            {
                // A new attempt has nothing to lose a race with but its card's rating, whose conflict
                // fails the whole batch (ReviewService.AddRatingAsync).
                var runs = gradedFirst is { Grade: { } graded, BaseRun: { } baseRun }
                    ? await AddGradeAsync(attempt, submission.Scenario, graded, baseRun, lookUpRuns: tries > 1, cancellationToken)
                    : [];
                // No look-up first: the unique index on (learner, key) catches a double submit, which is rare.
                await SaveAsOneBatchAsync(cancellationToken);
                library.RememberStored(runs);
                if (attempt.Status == AttemptStatus.Pending)
                {
                    _submitted = attempt; // inline grading after a database fault reads it from here
                }
                else
                {
                    db.ChangeTracker.Clear();
                }
                return (attempt.Id, true);
            }
            catch (DbUpdateException e) when (SaveAgain(e, tries))
            {
                db.ChangeTracker.Clear(); // rate the card as the other grade left it; read which re-runs are stored
            }
            catch (DbUpdateException e) when (IsUniqueViolation(e, "attempts", IdempotencyIndex))
            {
                db.ChangeTracker.Clear();
                return ((await FindAsync(submission.LearnerId, submission.IdempotencyKey, cancellationToken))!.Value, false);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    /// <summary>
    /// A new pending attempt with a row per answered question (not yet added to the context);
    /// Record adds the unanswered ones with their grade. Inline grading grades these rows.
    /// </summary>
    public Attempt NewAttempt(Submission submission)
    {
        var scenario = submission.Scenario.Scenario;
        var id = Guid.NewGuid();
        var asked = submission.Retry?.Questions ?? submission.Asked;
        bool Asks(Practice.Content.Questions.Question q) => asked is null || asked.Contains(q.Id);
        var answers = Rows(id, submission.LearnerId, scenario, q => Asks(q) ? submission.Answers.GetValueOrDefault(q.Id) : null, answered: true);
        foreach (var row in answers)
        {
            row.Transcript = submission.Transcripts.GetValueOrDefault(row.QuestionId);
        }
        var attempt = Attempt.Submit(id, submission.LearnerId, submission.Scenario.VersionId, submission.IdempotencyKey, clock.GetUtcNow(),
            scenario.Questions.Count(Asks), answers, submission.Retry, submission.Asked, submission.LiveSessionId, submission.OpenedAt, submission.ExamSittingId,
            scenario.Variant.Seed);
        attempt.UserId = submission.UserId;
        return attempt;
    }

    private Attempt? _submitted;

    /// <summary>
    /// The attempt this context's Submit stored, while the context still tracks it (inline grading
    /// reads it and its answers from memory); else null. Asked of the one entity, not through
    /// <c>DbSet.Local</c>, which first compares every tracked entity with its snapshot.
    /// </summary>
    public Attempt? Tracked(Guid attemptId) =>
        _submitted is { } attempt && attempt.Id == attemptId && db.Entry(attempt).State != EntityState.Detached ? attempt : null;

    /// <summary>The learner's attempt stored under this idempotency key, if any.</summary>
    public async Task<Guid?> FindAsync(Guid learnerId, string idempotencyKey, CancellationToken cancellationToken) =>
        await db.Attempts.AsNoTracking().Where(a => a.LearnerId == learnerId && a.IdempotencyKey == idempotencyKey)
            .Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Records the grade of a stored pending attempt (a worker's, or one stored before it could be
    /// graded inline): its rows, the runs and the review rating in one transaction
    /// (<see cref="AddGradeAsync"/>), one SaveChanges. False when another grader got there first, or the attempt
    /// is no longer pending.
    /// </summary>
    public async Task<bool> RecordAsync(Guid attemptId, ScenarioAtVersion scenario, AttemptGrade grade, BaseRun baseRun, string gradedBy, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            // Inline, the attempt Submit stored is still tracked (with its answers); a worker reads it.
            var attempt = Tracked(attemptId)
                ?? await db.Attempts.Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
            if (attempt is null || !attempt.RecordGrade(grade.Grades, Unanswered(attempt, scenario), gradedBy, clock.GetUtcNow()))
            {
                db.ChangeTracker.Clear();
                return false;
            }
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var runs = await AddGradeAsync(attempt, scenario, grade, baseRun, lookUpRuns: tries > 1, cancellationToken);
                await db.SaveAndCommitAsync(transaction, cancellationToken);
                library.RememberStored(runs);
                db.ChangeTracker.Clear();
                return true;
            }
            catch (DbUpdateException e) when (SaveAgain(e, tries))
            {
                // Record again: the card rated as the other grade left it; the re-runs stored meanwhile read.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another grader (a retried job, a second worker) wrote first; its grade is the same,
                // and it rated the card. This one's writes roll back with the transaction.
                logger.LogInformation("Attempt {AttemptId} was graded concurrently; keeping the first grade", attemptId);
                db.ChangeTracker.Clear();
                return false;
            }
            catch
            {
                // Nothing half-recorded stays tracked for the context's next save (an exam's or a
                // live session's next attempt, submitted on the same context).
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    /// <summary>
    /// Adds to the graded attempt's tracked rows what the same save writes with them: every run the
    /// grade needed that is not stored yet (the version's own run, runbook re-runs) and the rating
    /// of the learner's review card for the scenario (the card read here). Returns the runs' keys,
    /// for <see cref="ScenarioLibrary.RememberStored"/> once the save has stored them.
    /// </summary>
    /// <param name="lookUpRuns">Read which runs are stored first: a save before this one collided with a run another attempt stored.</param>
    private async Task<List<string>> AddGradeAsync(Attempt attempt, ScenarioAtVersion scenario, AttemptGrade grade, BaseRun baseRun, bool lookUpRuns, CancellationToken cancellationToken)
    {
        await review.AddRatingAsync(new RatedAttempt(attempt.Id, attempt.LearnerId, scenario.Scenario.Id, attempt.Correct ?? 0,
            attempt.QuestionCount, attempt.CreatedAt, attempt.OpenedAt), cancellationToken);
        var runs = grade.Replays.Select(r => (r.Key, Json: (Func<string>)(() => r.Trace.ToJson()))).ToList();
        if (!baseRun.Stored)
        {
            runs.Add((baseRun.Key, () => baseRun.Run.Trace.ToJson()));
        }
        runs.RemoveAll(r => library.KnownStored(r.Key));
        var keys = runs.Select(r => r.Key).ToList();
        // A new re-run's key is almost always new: insert it without a look-up first. Only when
        // another attempt stored the same run meanwhile (a unique violation) is it read.
        var stored = keys.Count == 0 || !lookUpRuns
            ? []
            : await db.SimulationRuns.AsNoTracking().Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(cancellationToken);
        library.RememberStored(stored);
        foreach (var (key, json) in runs.Where(r => !stored.Contains(r.Key)))
        {
            db.SimulationRuns.Add(new SimulationRun { Key = key, ScenarioVersionId = attempt.ScenarioVersionId, TraceJson = json(), CreatedAt = clock.GetUtcNow() });
        }
        return keys;
    }

    /// <summary>Rows for the questions the attempt has none for, graded with the rest.</summary>
    private static List<AttemptAnswer> Unanswered(Attempt attempt, ScenarioAtVersion scenario) =>
        Rows(attempt.Id, attempt.LearnerId, scenario.Scenario, _ => null, answered: false);

    /// <summary>Ends a pending attempt as failed, with a reason the learner can read. False when it is not pending.</summary>
    public async Task<bool> FailAsync(Guid attemptId, string reason, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null || !attempt.RecordFailure(Truncate(reason, 2000), clock.GetUtcNow()))
        {
            db.ChangeTracker.Clear();
            return false;
        }
        return await SaveOrLoseRaceAsync(cancellationToken);
    }

    /// <summary>
    /// A learner's "grade again" of their own failed attempt: the scenario version it answered, or
    /// null when it is not theirs, not failed, or was put back by someone else meanwhile.
    /// </summary>
    public async Task<long?> RetryAsync(Guid attemptId, Guid learnerId, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId, cancellationToken);
        if (attempt is null || !attempt.Retry())
        {
            db.ChangeTracker.Clear();
            return null;
        }
        return await SaveOrLoseRaceAsync(cancellationToken) ? attempt.ScenarioVersionId : null;
    }

    /// <summary>Notes the Hangfire job that grades a pending attempt, so the sweep does not queue it again.</summary>
    public async Task<bool> QueuedAsync(Guid attemptId, string jobId, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null || !attempt.Queued(jobId))
        {
            db.ChangeTracker.Clear();
            return false;
        }
        return await SaveOrLoseRaceAsync(cancellationToken);
    }

    private async Task<bool> SaveOrLoseRaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Saves the tracked changes in one round trip instead of three (BEGIN, the statements,
    /// COMMIT): Npgsql sends EF's statements as one batch ending in a single Sync, which PostgreSQL
    /// runs as one implicit transaction, so a failing statement rolls back the others. An
    /// attempt's writes are a few rows, far below EF's batch size, so they are never split.
    /// </summary>
    /// <remarks>
    /// Only Submit saves this way, and every row it saves was added (or, for a review card read
    /// untracked, attached as modified) after it was complete: there are no changes for EF to
    /// look for, so it does not compare each tracked entity with its snapshot first.
    /// </remarks>
    private async Task SaveAsOneBatchAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>Answer rows for the scenario's questions that have an answer (<paramref name="answered"/>) or have none.</summary>
    private static List<AttemptAnswer> Rows(Guid attemptId, Guid learnerId, Practice.Content.Scenarios.Scenario scenario,
        Func<Practice.Content.Questions.Question, string?> answerOf, bool answered) =>
        [.. scenario.Questions.Select((question, position) => (Question: question, Position: position, Answer: answerOf(question)))
            .Where(q => (q.Answer is not null) == answered)
            .Select(q => AttemptAnswer.For(attemptId, learnerId, q.Question.Id, q.Position, q.Question.KindName, scenario.Module, [.. scenario.Components], q.Answer))];

    /// <summary>The unique index that makes a repeated idempotency key find the attempt stored first.</summary>
    private const string IdempotencyIndex = "IX_attempts_LearnerId_IdempotencyKey";

    /// <summary>
    /// A grade's save that lost a race worth running again from a fresh read: another grade of the
    /// scenario rated the card first (up to <see cref="ReviewService.MaxRatingTries"/> times), or
    /// another attempt stored the same re-run a moment ago (up to 3 times).
    /// </summary>
    private static bool SaveAgain(DbUpdateException e, int tries) =>
        ReviewService.IsRatingConflict(e) ? tries < ReviewService.MaxRatingTries : IsUniqueViolation(e, "simulation_runs") && tries < 3;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
