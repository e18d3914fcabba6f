using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Practice.Data;

namespace Practice.Web.Grading;

/// <summary>How far behind grading is: the pending attempts and how long the oldest has waited.</summary>
public sealed record GradingBacklog(int Pending, TimeSpan OldestAge)
{
    public static async Task<GradingBacklog> ReadAsync(PracticeDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var pending = await db.Attempts.AsNoTracking().Where(a => a.Status == AttemptStatus.Pending)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(a => a.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return pending is null ? new(0, TimeSpan.Zero) : new(pending.Count, clock.GetUtcNow() - pending.Oldest);
    }

    /// <summary>One line for <c>/readyz</c>: <c>grading: 3 pending, the oldest for 2m05s</c>.</summary>
    public string Describe() => Pending == 0
        ? "grading: nothing pending"
        : $"grading: {Pending} pending, the oldest for {(int)OldestAge.TotalMinutes}m{OldestAge.Seconds:00}s";
}

/// <summary>
/// Says in the log when grading has stalled: every <see cref="Interval"/> it reads the backlog and
/// warns while the oldest pending attempt has waited longer than <see cref="GradingOptions.StalledAfterSeconds"/>
/// (a queue no worker takes from, a worker blocked on something). It never fails readiness: a
/// stalled queue is an operator's to look at, not a reason to stop serving pages.
/// </summary>
public sealed class GradingQueueWatch(IServiceScopeFactory scopes, TimeProvider clock, IOptions<GradingOptions> options, ILogger<GradingQueueWatch> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckAsync(stoppingToken);
        }
    }

    /// <summary>One look at the backlog; true when it warned.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var backlog = await GradingBacklog.ReadAsync(scope.ServiceProvider.GetRequiredService<PracticeDbContext>(), clock, cancellationToken);
            if (backlog.OldestAge.TotalSeconds <= options.Value.StalledAfterSeconds)
            {
                return false;
            }
            logger.LogWarning("Grading is behind: {Pending} attempt(s) pending, the oldest for {OldestSeconds:F0} s (over {Threshold} s): are the workers running and taking jobs?",
                backlog.Pending, backlog.OldestAge.TotalSeconds, options.Value.StalledAfterSeconds);
            return true;
        }
        catch (Exception e) when (GradingService.IsDatabaseFault(e))
        {
            return false; // the database is away: its own line says so
        }
    }
}
