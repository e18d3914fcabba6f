using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Practice.Data;
using Practice.Simulation;

namespace Practice.Web.Grading;

/// <summary>
/// The attempt pipeline: <c>Submit</c> stores the attempt; then, inline when the scenario is cheap
/// to simulate or on a Hangfire worker (queue <c>simulations</c>) otherwise, <c>Grade</c> (pure,
/// <see cref="AttemptGrader"/>) and <c>Record</c>, or <c>Fail</c> when grading cannot finish.
/// Each write is one transaction (<see cref="AttemptSteps"/>); an attempt is graded once,
/// whoever gets there first.
/// </summary>
public sealed class GradingService(
    PracticeDbContext db,
    ScenarioLibrary library,
    AttemptSteps steps,
    AttemptGrader grader,
    IBackgroundJobClient jobs,
    IOptions<GradingOptions> options,
    TimeProvider clock,
    ILogger<GradingService> logger)
{
    /// <summary>
    /// Stores the attempt (or finds it, for a repeated idempotency key) and grades it. A scenario
    /// cheap to simulate is graded inline first, and Submit stores the attempt graded (or failed)
    /// in its one transaction; otherwise it is stored pending and queued for a worker. A database
    /// restart of a few seconds is bridged: Submit is tried again while the fault is transient,
    /// for <see cref="GradingOptions.SubmitRetrySeconds"/> (safe: the idempotency key finds an
    /// attempt a try stored before its answer was lost). Past that the fault is thrown.
    /// </summary>
    public async Task<Guid> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var gradedFirst = IsInline(submission.Scenario) ? await GradeFirstAsync(submission, cancellationToken) : null;
        var tries = 0;
        var (id, created) = await Infrastructure.TransientFaults.RetryAsync(async token =>
        {
            if (tries++ > 0)
            {
                db.ChangeTracker.Clear(); // nothing half-added from the try that failed
            }
            return await steps.SubmitAsync(submission, gradedFirst, token);
        }, "storing an attempt", TimeSpan.FromSeconds(options.Value.SubmitRetrySeconds), clock, logger, cancellationToken);
        if (created && gradedFirst?.Error is { } error)
        {
            logger.LogWarning(error, "Grading attempt {AttemptId} failed", id);
        }
        if (created && gradedFirst is null)
        {
            // Queued for a worker, or graded inline now that it is stored (a database fault kept it from being graded first).
            await StartAsync(id, submission.Scenario, cancellationToken);
        }
        return id;
    }

    /// <summary>
    /// The Grade step before anything is stored. Null when the database failed (the base run is
    /// read from it once per process): the attempt is then stored pending and graded after.
    /// </summary>
    private async Task<GradeOutcome?> GradeFirstAsync(Submission submission, CancellationToken cancellationToken)
    {
        try
        {
            return await GradeStepAsync(Task.FromResult(submission.Scenario), steps.NewAttempt(submission).Answers, cancellationToken);
        }
        catch (Exception e) when (IsDatabaseFault(e))
        {
            logger.LogWarning(e, "Grading an attempt of {ScenarioId} inline hit a database fault; it is stored first and graded after", submission.Scenario.Scenario.Id);
            return null;
        }
    }

    /// <summary>
    /// The Grade step for the scenario variant answered: the grade and the base run it was
    /// measured on, or the reason grading cannot finish (anything thrown but a database fault,
    /// which is thrown on: worth trying again later).
    /// </summary>
    private async Task<GradeOutcome> GradeStepAsync(Task<ScenarioAtVersion> answered, IEnumerable<AttemptAnswer> answers, CancellationToken cancellationToken)
    {
        try
        {
            var scenario = await answered;
            var baseRun = await library.BaseRunAsync(db, scenario, cancellationToken);
            return GradeOutcome.Graded(scenario, grader.Grade(scenario.VersionId, baseRun.Run, answers, options.Value.ReRunLimits, cancellationToken), baseRun);
        }
        catch (Exception e) when (e is not OperationCanceledException && !IsDatabaseFault(e))
        {
            return GradeOutcome.Failed(ReasonFor(e), e);
        }
    }

    private bool IsInline(ScenarioAtVersion scenario) => ScenarioCost.Estimate(scenario.Scenario.Spec) <= options.Value.InlineCostLimit;

    /// <summary>Grades a failed attempt of the learner's again. False when there is no such failed attempt.</summary>
    public async Task<bool> RetryAsync(Guid attemptId, Guid learnerId, CancellationToken cancellationToken)
    {
        if (await steps.RetryAsync(attemptId, learnerId, cancellationToken) is not { } versionId)
        {
            return false;
        }
        if (await library.AtVersionAsync(db, versionId, retired: false, cancellationToken) is { } scenario)
        {
            await StartAsync(attemptId, scenario, cancellationToken);
        }
        else
        {
            await steps.FailAsync(attemptId, ScenarioVersionMissingException.Reason, cancellationToken);
        }
        return true;
    }

    /// <summary>Queues a pending attempt for a worker and notes the job; the sweep calls this too.</summary>
    public async Task<string> QueueAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var jobId = jobs.Enqueue<GradeAttemptJob>(job => job.RunAsync(attemptId, null, CancellationToken.None));
        await steps.QueuedAsync(attemptId, jobId, cancellationToken);
        return jobId;
    }

    /// <summary>
    /// Grades a stored attempt unless it already is graded or failed; safe to call twice or
    /// concurrently. A deterministic failure ends the attempt Failed; a database fault is thrown,
    /// so a job is retried and an inline grade is left to the sweep.
    /// </summary>
    public async Task GradeAsync(Guid attemptId, string gradedBy, CancellationToken cancellationToken)
    {
        // Inline, right after Submit, the attempt and its answers are still tracked: nothing to read back.
        var attempt = steps.Tracked(attemptId)
            ?? await db.Attempts.AsNoTracking().Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null || attempt.Status != AttemptStatus.Pending)
        {
            return; // graded (its review card rated with it) or failed already
        }
        var outcome = await GradeStepAsync(ScenarioOfAsync(attempt, cancellationToken), attempt.Answers.OrderBy(a => a.Position), cancellationToken);
        if (outcome is { Scenario: { } scenario, Grade: { } grade, BaseRun: { } baseRun })
        {
            // Recording the grade rates the learner's review card in the same transaction.
            await steps.RecordAsync(attemptId, scenario, grade, baseRun, gradedBy, cancellationToken);
            return;
        }
        logger.LogWarning(outcome.Error, "Grading attempt {AttemptId} failed", attemptId);
        await steps.FailAsync(attemptId, outcome.FailedBecause!, cancellationToken);
    }

    /// <summary>The scenario variant a stored attempt answered.</summary>
    private async Task<ScenarioAtVersion> ScenarioOfAsync(Attempt attempt, CancellationToken cancellationToken) =>
        library.AtSeed(await library.AtVersionAsync(db, attempt.ScenarioVersionId, retired: false, cancellationToken)
            ?? throw new ScenarioVersionMissingException(), attempt.VariantSeed);

    /// <summary>
    /// Any fault of the database (down, restarting, or refusing the statement): worth trying again
    /// later, unlike a simulation that cannot finish. Wider than <see cref="Infrastructure.TransientFaults"/>,
    /// which picks out the faults that pass by themselves.
    /// </summary>
    public static bool IsDatabaseFault(Exception e) =>
        e is DbException or TimeoutException || e.InnerException is { } inner && IsDatabaseFault(inner);

    private static string ReasonFor(Exception e) => e switch
    {
        SimulationLimitException limit => $"the simulation of your answer went past a limit of the simulator ({limit.Message})",
        ScenarioVersionMissingException => ScenarioVersionMissingException.Reason,
        _ => $"the grader hit an internal error ({e.GetType().Name}); it has been logged",
    };

    private async Task StartAsync(Guid attemptId, ScenarioAtVersion scenario, CancellationToken cancellationToken)
    {
        if (!IsInline(scenario))
        {
            try
            {
                await QueueAsync(attemptId, cancellationToken);
            }
            catch (Exception e) when (Infrastructure.TransientFaults.IsTransient(e))
            {
                // Stored, not queued: the learner gets its page, and the sweep queues it.
                Infrastructure.TransientFaults.Log(logger, e, $"queueing attempt {attemptId}", "the sweep will queue it");
            }
            return;
        }
        try
        {
            await GradeAsync(attemptId, "inline", cancellationToken);
        }
        // The attempt is stored either way; the learner gets its page, and the sweep queues its grading.
        catch (Exception e) when (Infrastructure.TransientFaults.IsTransient(e))
        {
            Infrastructure.TransientFaults.Log(logger, e, $"grading attempt {attemptId} inline", "the sweep will queue it");
        }
        catch (Exception e) when (IsDatabaseFault(e))
        {
            logger.LogWarning(e, "Inline grading of attempt {AttemptId} hit a database fault; the sweep will queue it", attemptId);
        }
    }
}

/// <summary>The scenario version an attempt answered is gone from the database: it cannot be graded.</summary>
public sealed class ScenarioVersionMissingException() : Exception(Reason)
{
    public const string Reason = "the scenario version this attempt answered is no longer stored";
}
