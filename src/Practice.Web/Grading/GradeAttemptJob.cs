using Hangfire;
using Hangfire.Server;
using Practice.Web.Infrastructure;

namespace Practice.Web.Grading;

/// <summary>
/// Grades one heavy attempt on a worker. Takes only the attempt id, honours cancellation, and is
/// safe to run twice (the attempt is graded once; a second run finds it graded and stops). A
/// grading failure ends the attempt Failed at once; only database faults are retried, and the
/// last retry's failure is recorded on the attempt too, so the learner is never left waiting.
/// </summary>
[Queue(Jobs.SimulationsQueue)]
[AutomaticRetry(Attempts = Retries, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class GradeAttemptJob(GradingService grading, AttemptSteps steps)
{
    public const int Retries = 3;

    public async Task RunAsync(Guid attemptId, PerformContext? context, CancellationToken cancellationToken)
    {
        try
        {
            await grading.GradeAsync(attemptId, "worker", cancellationToken);
        }
        catch (Exception e) when (GradingService.IsDatabaseFault(e) && context?.GetJobParameter<int>("RetryCount") >= Retries)
        {
            await TryFailAsync(attemptId, $"grading failed {Retries + 1} times on a database fault ({e.GetBaseException().Message}); try again", cancellationToken);
            throw;
        }
    }

    private async Task TryFailAsync(Guid attemptId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await steps.FailAsync(attemptId, reason, cancellationToken);
        }
        catch (Exception e) when (GradingService.IsDatabaseFault(e))
        {
            // Still down: the sweep finds the attempt pending behind a failed job and queues it again.
        }
    }
}
