using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Practice.Content.Grading;
using Practice.Content.Questions;
using Practice.Data;

namespace Practice.Web.Grading;

/// <summary>A learner's submitted answers to one scenario version.</summary>
public sealed record Submission(Guid LearnerId, long VersionId, string IdempotencyKey, IReadOnlyDictionary<string, string> Answers);

/// <summary>
/// Stores an attempt first, then grades it: inline when the scenario is cheap to simulate, else
/// on a Hangfire worker (queue <c>simulations</c>). Grading is deterministic and idempotent: an
/// attempt is graded once, whoever gets there first.
/// </summary>
public sealed class GradingService(
    PracticeDbContext db,
    ScenarioLibrary library,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    IOptions<GradingOptions> options,
    ILogger<GradingService> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores (or finds, for a repeated idempotency key) the attempt and starts its grading.</summary>
    public async Task<Attempt> SubmitAsync(Submission submission, ScenarioAtVersion scenario, CancellationToken cancellationToken)
    {
        // No look-up first: the unique index on (learner, key) catches a double submit, which is rare.
        var attempt = new Attempt
        {
            Id = Guid.NewGuid(),
            LearnerId = submission.LearnerId,
            ScenarioVersionId = submission.VersionId,
            IdempotencyKey = submission.IdempotencyKey,
            AnswersJson = JsonSerializer.Serialize(submission.Answers, Json),
            CreatedAt = clock.GetUtcNow(),
            QuestionCount = scenario.Scenario.Questions.Count,
        };
        db.Attempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A double submit raced us: the other request stored it; answer with that one.
            db.ChangeTracker.Clear();
            return (await FindAsync(submission, cancellationToken))!;
        }

        if (ScenarioCost.Estimate(scenario.Scenario.Spec) <= options.Value.InlineCostLimit)
        {
            await GradeAsync(attempt, scenario, "inline", cancellationToken);
        }
        else
        {
            jobs.Enqueue<GradeAttemptJob>(job => job.RunAsync(attempt.Id, CancellationToken.None));
        }
        return attempt;
    }

    /// <summary>Grades a stored attempt unless it already is; safe to call twice or concurrently.</summary>
    public async Task GradeAsync(Guid attemptId, string gradedBy, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null || attempt.IsGraded)
        {
            return;
        }
        var scenario = await library.AtVersionAsync(db, attempt.ScenarioVersionId, retired: false, cancellationToken)
            ?? throw new InvalidOperationException($"attempt {attemptId} points at missing scenario version {attempt.ScenarioVersionId}");
        await GradeAsync(attempt, scenario, gradedBy, cancellationToken);
    }

    private async Task GradeAsync(Attempt attempt, ScenarioAtVersion scenario, string gradedBy, CancellationToken cancellationToken)
    {
        var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(attempt.AnswersJson, Json) ?? [];

        var run = await library.RunOfAsync(db, scenario, cancellationToken);
        var results = new List<GradedQuestion>();
        foreach (var question in scenario.Scenario.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var answer))
            {
                results.Add(GradedQuestion.Unanswered(question.Id, question.KindName));
                continue;
            }
            try
            {
                var grade = ScenarioGrader.Grade(run, question.Id, answer, cancellationToken);
                string? replayKey = null;
                if (grade.Replay is { } replay)
                {
                    replayKey = await library.StoreReplayAsync(db, scenario.VersionId, question.Id, replay, clock.GetUtcNow(), cancellationToken);
                }
                results.Add(GradedQuestion.From(grade, replayKey));
            }
            catch (AnswerException e)
            {
                // The form validated it; a stored answer that no longer reads is reported, not thrown.
                results.Add(GradedQuestion.Unreadable(question.Id, question.KindName, answer, e.Message));
            }
        }

        attempt.RecordGrade(JsonSerializer.Serialize(results, Json), results.Count(r => r.Correct), gradedBy, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another grader (a retried job, a second worker) wrote first; its grade is the same.
            logger.LogInformation("Attempt {AttemptId} was graded concurrently; keeping the first grade", attempt.Id);
            db.ChangeTracker.Clear();
        }
    }

    private Task<Attempt?> FindAsync(Submission submission, CancellationToken cancellationToken) =>
        db.Attempts.AsNoTracking().SingleOrDefaultAsync(
            a => a.LearnerId == submission.LearnerId && a.IdempotencyKey == submission.IdempotencyKey, cancellationToken);
}

/// <summary>One question's grade as stored in <see cref="Attempt.ResultJson"/>.</summary>
public sealed record GradedQuestion(
    string QuestionId, string Kind, string? Answer, bool Correct, string? CorrectAnswer, IReadOnlyList<string> Explanations,
    IReadOnlyList<ScheduledAction>? Actions, GoalVerdict? Goal, string? ReplayKey, string? Problem)
{
    public static GradedQuestion From(QuestionGrade grade, string? replayKey) => new(
        grade.QuestionId, Content.Questions.Question.KindNames[grade.Kind], grade.Answer, grade.Correct, grade.CorrectAnswer,
        grade.Explanations, grade.Replay?.Actions, grade.Replay?.Goal, replayKey, null);

    public static GradedQuestion Unanswered(string id, string kind) =>
        new(id, kind, null, false, null, [], null, null, null, "not answered");

    public static GradedQuestion Unreadable(string id, string kind, string answer, string problem) =>
        new(id, kind, answer, false, null, [], null, null, null, problem);
}
