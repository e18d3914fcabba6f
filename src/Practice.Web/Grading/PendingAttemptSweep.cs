using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Practice.Data;

namespace Practice.Web.Grading;

/// <summary>
/// The safety net behind "stored first, then graded": an attempt still pending after a while is
/// queued for a worker, once. It is queued again only when its job is gone or ended without
/// grading it (a web process died between storing and grading inline; a job's storage was
/// wiped; every retry of its job hit a database outage). A backlog is not a reason: an attempt
/// whose job waits in the queue is left alone. An attempt queued <see cref="GradingOptions.SweepMaxTries"/>
/// times that is still pending ends Failed with its reason, instead of being queued for ever.
/// It also rates the review card of an attempt graded in the last day whose card was never rated.
/// </summary>
[Queue("default")]
[AutomaticRetry(Attempts = 1)]
public sealed class PendingAttemptSweep(
    PracticeDbContext db, GradingService grading, AttemptSteps steps, JobStorage storage, TimeProvider clock, IOptions<GradingOptions> options,
    Practice.Web.Review.ReviewService review)
{
    public const string RecurringId = "pending-attempt-sweep";
    public static readonly TimeSpan Age = TimeSpan.FromSeconds(30);
    private static readonly string[] Ended = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - Age;
        var stuck = await db.Attempts.AsNoTracking()
            .Where(a => a.Status == AttemptStatus.Pending && a.CreatedAt < before)
            .OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.JobId, a.GradingTries }).Take(500)
            .ToListAsync(cancellationToken);
        var queued = 0;
        using var connection = storage.GetConnection();
        foreach (var attempt in stuck)
        {
            if (attempt.JobId is { } jobId && connection.GetStateData(jobId)?.Name is { } state && !Ended.Contains(state))
            {
                continue; // enqueued, scheduled or processing: its job will grade it
            }
            if (attempt.GradingTries >= options.Value.SweepMaxTries)
            {
                await steps.FailAsync(attempt.Id,
                    $"grading was started {attempt.GradingTries} times and never finished (each time its worker stopped or the database failed)",
                    cancellationToken);
                continue;
            }
            await grading.QueueAsync(attempt.Id, cancellationToken);
            queued++;
        }
        // A grade without its rating (recorded by a release that rated in a step of its own, which a
        // stop could cut off; Record now rates in its transaction): rate it now, once.
        var unrated = await db.Attempts.AsNoTracking()
            .Where(a => a.Status == AttemptStatus.Graded && a.GradedAt < before && a.GradedAt > before.AddDays(-1) && !db.ReviewLogs.Any(l => l.AttemptId == a.Id))
            .OrderBy(a => a.GradedAt).Select(a => a.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var id in unrated)
        {
            await review.RateAsync(id, cancellationToken);
        }
        return queued;
    }

    /// <summary>
    /// All recurring schedules, in one place. Registering takes the schedule's lock, waiting up to
    /// 15 s: a process killed while holding it leaves its row behind until the row is older than
    /// the lock timeout (<c>Jobs</c>, shorter than that wait). Should the wait still run out, the
    /// process starts anyway with the schedule as registered before (it is the same every start).
    /// </summary>
    public static void Register(IRecurringJobManager recurring, ILogger logger)
    {
        try
        {
            recurring.AddOrUpdate<PendingAttemptSweep>(RecurringId, sweep => sweep.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        catch (Hangfire.PostgreSql.PostgreSqlDistributedLockException e)
        {
            logger.LogWarning("The pending-attempt sweep's schedule was not updated ({Reason}); the one registered before stays", e.Message);
        }
    }
}
