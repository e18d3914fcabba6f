using Hangfire;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;

namespace Practice.Web.Grading;

/// <summary>
/// The safety net behind "stored first, then graded": an attempt whose grading never finished
/// (the web process died between storing it and grading it inline) is queued for a worker.
/// Grading is idempotent, so queuing one that is being graded right now costs nothing.
/// </summary>
[Queue("default")]
[AutomaticRetry(Attempts = 1)]
public sealed class PendingAttemptSweep(PracticeDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string RecurringId = "pending-attempt-sweep";
    public static readonly TimeSpan Age = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - Age;
        var stuck = await db.Attempts.AsNoTracking()
            .Where(a => a.Status == AttemptStatus.Pending && a.CreatedAt < before)
            .OrderBy(a => a.CreatedAt).Select(a => a.Id).Take(500)
            .ToListAsync(cancellationToken);
        foreach (var id in stuck)
        {
            jobs.Enqueue<GradeAttemptJob>(job => job.RunAsync(id, CancellationToken.None));
        }
        return stuck.Count;
    }

    /// <summary>All recurring schedules, in one place.</summary>
    public static void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<PendingAttemptSweep>(RecurringId, sweep => sweep.RunAsync(CancellationToken.None), Cron.Minutely());
}
