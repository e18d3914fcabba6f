using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Exams;

namespace Practice.Web.Tests.Exams;

/// <summary>Mock exam sittings on real Postgres with the app's clock stopped: the stored deadline, the deadline job, the seeded draw.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ExamSittingTests(WebAppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync()
    {
        app.Clock.Now = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheDeadlineJobEndsASittingWithTheAnswersGivenSoFarAndALaterAnswerIsRefused()
    {
        var learner = Guid.NewGuid();
        app.Clock.Now = T0;
        var sitting = await WithExamsAsync(e => e.StartAsync("fixture-check", learner, null, seed: 1, CancellationToken.None));
        // The fixture check draws its troubleshooting scenario (kubelet-stops, 5 questions) then its architecture one (scheduler-stops, 1).
        Assert.Equal(["holds", "side", "notready", "chain", "fix", "plane"], sitting!.Questions.Select(q => q.Split('/')[1]));
        Assert.Equal(T0.AddMinutes(30), sitting.Deadline);

        app.Clock.Now = T0.AddMinutes(5);
        Assert.True((await WithExamsAsync(e => e.AnswerAsync(sitting.Id, learner, 5, "control", CancellationToken.None))).Done);
        Assert.True((await WithExamsAsync(e => e.AnswerAsync(sitting.Id, learner, 1, "control", CancellationToken.None))).Done);
        Assert.True((await WithExamsAsync(e => e.AnswerAsync(sitting.Id, learner, 1, "data", CancellationToken.None))).Done); // changed before the end
        Assert.False((await WithExamsAsync(e => e.AnswerAsync(sitting.Id, Guid.NewGuid(), 0, "ready", CancellationToken.None))).Done); // not theirs

        app.Clock.Now = T0.AddMinutes(30);
        var late = await WithExamsAsync(e => e.AnswerAsync(sitting.Id, learner, 0, "ready", CancellationToken.None));
        await using (var scope = app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExamDeadlineJob>().EndAsync(sitting.Id, CancellationToken.None);
        }

        Assert.Equal("Time is up: the exam ended at its deadline, and answers after it are not taken.", late.Problem);
        await using var check = app.CreateScope();
        var exams = check.ServiceProvider.GetRequiredService<ExamService>();
        var ended = (await exams.SittingAsync(sitting.Id, learner, CancellationToken.None))!;
        Assert.Equal(("deadline", T0.AddMinutes(30)), (ended.EndedBy, ended.EndedAt!.Value));
        var score = await exams.ScoreAsync(ended, CancellationToken.None);
        // Right: kubelet-stops' side (data) and scheduler-stops' plane (control); the other four unanswered. 2 of 6 = 33% < 50%.
        Assert.Equal((2, 6, 33, false, false), (score.Right, score.Questions, score.Percent, score.Passed, score.Pending));
        Assert.Equal([("troubleshooting", 1, 5), ("cluster-architecture", 1, 1)], score.Domains.Select(d => (d.Domain, d.Right, d.Questions)));
        var attempts = await check.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.AsNoTracking().Where(a => a.ExamSittingId == sitting.Id).ToListAsync();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal((AttemptStatus.Graded, learner), (a.Status, a.LearnerId)));

        // The job running again (a retry) changes nothing.
        await using (var again = app.CreateScope())
        {
            Assert.False(await again.ServiceProvider.GetRequiredService<ExamService>().EndAsync(sitting.Id, "deadline", CancellationToken.None));
        }
        Assert.Equal(2, await check.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.CountAsync(a => a.ExamSittingId == sitting.Id));
    }

    [Fact]
    public async Task TheSameSeedDrawsTheSameQuestionsAndAnotherLearnerCannotOpenTheSitting()
    {
        var learner = Guid.NewGuid();
        var first = await WithExamsAsync(e => e.StartAsync("fixture-check", learner, null, seed: 7, CancellationToken.None));
        var second = await WithExamsAsync(e => e.StartAsync("fixture-check", learner, null, seed: 7, CancellationToken.None));

        Assert.Equal(first!.Questions, second!.Questions);
        Assert.NotNull(await WithExamsAsync(e => e.SittingAsync(first.Id, learner, CancellationToken.None)));
        Assert.Null(await WithExamsAsync(e => e.SittingAsync(first.Id, Guid.NewGuid(), CancellationToken.None)));
        Assert.Null(await WithExamsAsync(e => e.StartAsync("no-such-exam", learner, null, null, CancellationToken.None)));
    }

    private async Task<T> WithExamsAsync<T>(Func<ExamService, Task<T>> action)
    {
        await using var scope = app.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ExamService>());
    }
}
