using Hangfire;
using Practice.Web.Infrastructure;

namespace Practice.Web.Grading;

/// <summary>
/// Grades one heavy attempt on a worker. Takes only the attempt id, honours cancellation, and is
/// safe to run twice (the attempt is graded once; a second run finds it graded and stops).
/// </summary>
[Queue(Jobs.SimulationsQueue)]
[AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class GradeAttemptJob(GradingService grading)
{
    public Task RunAsync(Guid attemptId, CancellationToken cancellationToken) =>
        grading.GradeAsync(attemptId, "worker", cancellationToken);
}
