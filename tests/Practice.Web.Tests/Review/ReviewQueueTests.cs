using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Web.Review;
using Practice.Web.Review.Scheduling;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Review;

/// <summary>Spaced review on real Postgres through the real forms, with the app's clock moved by hand over 60 days.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ReviewQueueTests(WebAppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync()
    {
        app.Clock.Now = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FourRightAnswersAtEachDueTimeBringTheScenarioBackAfterTenMinutesTwoElevenAndFortySixDays()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/"); // an anonymous learner, as most start
        // Expected from py-fsrs's vector (all Good, each review at its due time): 10 minutes, then 2, 11 and 46 days.
        var r1 = T0.AddMinutes(1);
        var due1 = r1.AddMinutes(10);
        var due2 = due1.AddDays(2);
        var due3 = due2.AddDays(11);
        var due4 = due3.AddDays(46);                 // day 59 and 11 minutes

        await AnswerRightAsync(learner, r1);
        Assert.Equal((0, due1), await QueueAtAsync(learner, due1.AddMinutes(-1)));
        Assert.Equal((1, due1), await QueueAtAsync(learner, due1));
        await AnswerRightAsync(learner, due1);
        Assert.Equal((0, due2), await QueueAtAsync(learner, due2.AddSeconds(-1)));
        await AnswerRightAsync(learner, due2);
        Assert.Equal((0, due3), await QueueAtAsync(learner, due3.AddHours(-1)));
        await AnswerRightAsync(learner, due3);
        Assert.Equal((0, due4), await QueueAtAsync(learner, T0.AddDays(59)));
        Assert.Equal((1, due4), await QueueAtAsync(learner, T0.AddDays(60)));

        // The scenario page shows the history: four ratings, all Good, and the next due date in the learner's zone (UTC here).
        app.Clock.Now = T0.AddDays(60);
        var page = await Visitor.BodyAsync(await learner.Client.GetAsync("/practice/scheduler-stops"));
        Assert.Contains("Next due <strong>29 Jan 2027, 09:11</strong> · in review · 4 ratings so far.", page);
        Assert.Equal(4, Rated().Matches(page).Count);
        // The home and progress pages list it as due, with /review leading to it.
        Assert.Contains("1 scenario is due.", await Visitor.BodyAsync(await learner.Client.GetAsync("/")));
        Assert.Contains("1 scenario is due.", await Visitor.BodyAsync(await learner.Client.GetAsync("/progress")));
        var review = await learner.Client.GetAsync("/review");
        Assert.Equal((HttpStatusCode.Redirect, "/practice/scheduler-stops"), (review.StatusCode, review.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task AWrongAnswerComesBackInAMinuteAndGradingTwiceRatesOnce()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/");
        app.Clock.Now = T0;
        var form = await PageForm.OpenAsync(learner.Client, "scheduler-stops");
        app.Clock.Now = T0.AddSeconds(30);
        var attempt = PageForm.AttemptIdOf(await form.Set("q.plane", "data").SubmitAsync());
        await using (var scope = app.CreateScope())
        {
            // A second grade of the same attempt (a retried job) rates nothing more.
            await scope.ServiceProvider.GetRequiredService<Practice.Web.Grading.GradingService>().GradeAsync(attempt, "worker", CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ReviewService>().RateAsync(attempt, CancellationToken.None);
        }

        await using var check = app.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var log = await db.ReviewLogs.AsNoTracking().SingleAsync(l => l.AttemptId == attempt);
        var card = await db.ReviewCards.AsNoTracking().SingleAsync(c => c.LearnerId == log.LearnerId);
        Assert.Equal((int)Rating.Again, log.Rating);
        Assert.Equal(T0.AddSeconds(30).AddMinutes(1), card.Due); // the first learning step
        Assert.Equal(1, card.Reviews);
    }

    [Fact]
    public async Task AGradeWhoseCardWasNeverRatedIsRatedByTheSweep()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/");
        await AnswerRightAsync(learner, T0);
        // As if the process stopped between recording the grade and rating the card.
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            await db.ReviewLogs.ExecuteDeleteAsync();
            await db.ReviewCards.ExecuteDeleteAsync();
        }

        app.Clock.Now = T0.AddMinutes(1);
        await using (var scope = app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Practice.Web.Grading.PendingAttemptSweep>().RunAsync(CancellationToken.None);
        }

        // Rated as it would have been: Good at the answer's time, the next learning step 10 minutes on.
        Assert.Equal((0, T0.AddMinutes(10)), await QueueAtAsync(learner, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task SixGradesOfOneScenarioRatedAtOnceEachRateTheCard()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/");
        for (var i = 0; i < 6; i++)
        {
            await AnswerRightAsync(learner, T0.AddMinutes(i));
        }
        Guid learnerId;
        List<Guid> attempts;
        await using (var scope = app.CreateScope())
        {
            // As if the six grades had been recorded and none rated yet (the sweep's case, or six workers).
            var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
            learnerId = await db.Attempts.AsNoTracking().OrderByDescending(a => a.CreatedAt).Select(a => a.LearnerId).FirstAsync();
            attempts = await db.Attempts.AsNoTracking().Where(a => a.LearnerId == learnerId).Select(a => a.Id).ToListAsync();
            await db.ReviewLogs.Where(l => l.LearnerId == learnerId).ExecuteDeleteAsync();
            await db.ReviewCards.Where(c => c.LearnerId == learnerId).ExecuteDeleteAsync();
        }

        // Each rating on a context of its own, all at once: the card's row lock makes them take turns.
        await Task.WhenAll(attempts.Select(async id =>
        {
            await using var scope = app.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ReviewService>().RateAsync(id, CancellationToken.None);
        }));

        await using var check = app.CreateScope();
        var dbCheck = check.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var card = await dbCheck.ReviewCards.AsNoTracking().SingleAsync(c => c.LearnerId == learnerId);
        var logs = await dbCheck.ReviewLogs.AsNoTracking().Where(l => l.LearnerId == learnerId).Select(l => l.AttemptId).ToListAsync();
        Assert.Equal(6, card.Reviews);
        Assert.Equal(attempts.Order(), logs.Order());
    }

    [Fact]
    public async Task SixAnswersOfOneScenarioSentAtOnceEachRateTheCard()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/");
        app.Clock.Now = T0.AddMinutes(-1);
        var forms = new List<PageForm>();
        for (var i = 0; i < 6; i++)
        {
            forms.Add((await PageForm.OpenAsync(learner.Client, "scheduler-stops")).Set("q.plane", "control"));
        }
        app.Clock.Now = T0;

        // Six tabs sent at once: each grade reads the card, and all but one find it rated by another
        // when they save, so they read it again and rate it as that one left it.
        var sent = await Task.WhenAll(forms.Select(form => form.SubmitAsync()));

        Assert.All(sent, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var learnerId = (await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == PageForm.AttemptIdOf(sent[0]))).LearnerId;
        var card = await db.ReviewCards.AsNoTracking().SingleAsync(c => c.LearnerId == learnerId);
        var numbers = await db.ReviewLogs.AsNoTracking().Where(l => l.LearnerId == learnerId).Select(l => l.Number).ToListAsync();
        Assert.Equal(6, card.Reviews);
        Assert.Equal([1, 2, 3, 4, 5, 6], numbers.Order());
    }

    [Fact]
    public async Task AVisitorsRatingsOfAScenarioTheirAccountHasACardForMergeInAndTheAccountsNextRatingCounts()
    {
        var email = $"review-{Guid.NewGuid():N}@example.com";
        var account = new Visitor(app);
        await account.RegisterAsync(email, "Ren");
        await AnswerRightAsync(account, T0);
        var visitor = new Visitor(app);
        await visitor.Client.GetAsync("/");
        await AnswerRightAsync(visitor, T0.AddMinutes(5));

        // Signing in brings the visitor's attempt and rating into the account, whose own card stays.
        var signedIn = await visitor.SignInAsync(email);
        await AnswerRightAsync(visitor, T0.AddMinutes(20));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var learnerId = await db.Users.Where(u => u.Email == email).Select(u => u.LearnerId).SingleAsync();
        var card = await db.ReviewCards.AsNoTracking().SingleAsync(c => c.LearnerId == learnerId);
        var logs = await db.ReviewLogs.AsNoTracking().Where(l => l.LearnerId == learnerId).OrderBy(l => l.ReviewedAt).Select(l => l.Number).ToListAsync();
        Assert.Equal(2, card.Reviews);
        Assert.Equal([1, null, 2], logs);
        Assert.Equal(3, await db.Attempts.CountAsync(a => a.LearnerId == learnerId));
    }

    [Fact]
    public async Task AVisitorsCardFollowsTheirAttemptsIntoTheirNewAccount()
    {
        var learner = new Visitor(app);
        await learner.Client.GetAsync("/");
        await AnswerRightAsync(learner, T0);
        app.Clock.Now = null;

        await learner.RegisterAsync($"review-{Guid.NewGuid():N}@example.com", "Rae");

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var account = await db.Users.Where(u => u.DisplayName == "Rae").Select(u => u.LearnerId).SingleAsync();
        var card = await db.ReviewCards.AsNoTracking().SingleAsync(c => c.ScenarioId == "scheduler-stops");
        Assert.Equal((account, T0.AddMinutes(10)), (card.LearnerId, card.Due));
        Assert.Equal(account, (await db.ReviewLogs.AsNoTracking().SingleAsync()).LearnerId);
    }

    private async Task AnswerRightAsync(Visitor learner, DateTimeOffset at)
    {
        // The page is opened a minute before the answer goes: 60 s for one question is neither slow nor Easy-quick.
        app.Clock.Now = at.AddMinutes(-1);
        var form = await PageForm.OpenAsync(learner.Client, "scheduler-stops");
        app.Clock.Now = at;
        var submitted = await form.Set("q.plane", "control").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    private async Task<(int Due, DateTimeOffset Next)> QueueAtAsync(Visitor learner, DateTimeOffset at)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
        var id = await db.Attempts.AsNoTracking().OrderByDescending(a => a.CreatedAt).Select(a => a.LearnerId).FirstAsync();
        var queue = await scope.ServiceProvider.GetRequiredService<ReviewService>().QueueAsync(id, at, 5, CancellationToken.None);
        return (queue.DueCount, queue.Due.Concat(queue.Next).Single().Due);
    }

    [GeneratedRegex("<td>Good</td>")]
    private static partial Regex Rated();
}
