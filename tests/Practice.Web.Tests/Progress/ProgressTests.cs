using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Practice.Web.Progress;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Progress;

/// <summary>The progress page and its queries on real Postgres, over attempts seeded with hand-counted grades.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ProgressTests(WebAppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await app.ImportFixtureContentAsync();
        app.Clock.Offset = Now - DateTimeOffset.UtcNow;
    }

    public Task DisposeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MasteryIsTheShareRightOfTheLastTwentyAnswersTouchingEachComponentAndModule()
    {
        var learner = Guid.NewGuid();
        // etcd: 25 answers, one a day. The oldest 5 are right; of the newest 20, the 14 oldest are right and the last 6 wrong.
        for (var i = 0; i < 25; i++)
        {
            var right = i < 19;
            await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddDays(-25 + i),
                new SeededAnswer(right, ["etcd", "kube-apiserver"], Module: "fixture"));
        }
        // kubelet: 2 answered (1 right), and 3 left blank, which do not count.
        await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddHours(-1),
            new SeededAnswer(true, ["kubelet"], Module: "other"), new SeededAnswer(false, ["kubelet"], Module: "other"),
            new SeededAnswer(false, ["kubelet"], Module: "other", Answered: false), new SeededAnswer(false, ["kubelet"], Module: "other", Answered: false),
            new SeededAnswer(false, ["kubelet"], Module: "other", Answered: false));

        var summary = await SummaryAsync(learner, "UTC");

        Assert.Equal(new Mastery("etcd", 20, 14), summary.Components.Single(c => c.Name == "etcd"));
        Assert.Equal(new Mastery("kube-apiserver", 20, 14), summary.Components.Single(c => c.Name == "kube-apiserver"));
        Assert.Equal(new Mastery("kubelet", 2, 1), summary.Components.Single(c => c.Name == "kubelet"));
        Assert.Equal(new Mastery("fixture", 20, 14), summary.Modules.Single(m => m.Name == "fixture"));
        Assert.Equal(new Mastery("other", 2, 1), summary.Modules.Single(m => m.Name == "other"));
        Assert.Equal(27, summary.TotalAnswers);
        // kubelet has 2 answers (under 3): not judged. etcd and kube-apiserver tie at 70%; more answers first, then by name.
        Assert.Equal(["etcd", "kube-apiserver"], summary.Weakest.Select(w => w.Name));
    }

    [Fact]
    public async Task ThePageShowsMasteryCountsAndNotEnoughAnswersUnderThree()
    {
        var browser = new Visitor(app);
        var learner = await LearnerOfAsync(browser);
        for (var i = 0; i < 4; i++)
        {
            await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddDays(-i), new SeededAnswer(i != 0, ["etcd"]));
        }
        await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddDays(-1), new SeededAnswer(false, ["kubelet"]));

        var html = await Visitor.BodyAsync(await browser.Client.GetAsync("/progress"));

        Assert.Matches(Row("etcd", "3 of 4", "75%"), html);
        Assert.Matches(Row("kubelet", "0 of 1", "not enough answers yet"), html);
        Assert.Contains("<strong>etcd</strong> — 3 of 4 right.", html);
        Assert.Contains("href=\"/practice?component=etcd\"", html);
        Assert.Contains("This progress lives in this browser only.", html);
    }

    [Fact]
    public async Task ADayIsTheLearnersOwnAnAnswerAfterMidnightInBerlinCountsForTheBerlinDay()
    {
        // UTC days: Dec 1, Dec 2, Dec 3 (a 3-day streak). Berlin (UTC+1 in December) days: Dec 2 00:30, Dec 2 23:30, Dec 3 09:00.
        DateTimeOffset[] times = [new(2026, 12, 1, 23, 30, 0, TimeSpan.Zero), new(2026, 12, 2, 22, 30, 0, TimeSpan.Zero), new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero)];
        var berliner = new Visitor(app);
        await berliner.RegisterAsync("berlin@example.com", "Berliner", timeZone: "Europe/Berlin");
        var berlinLearner = await LearnerOfAsync(berliner);
        var utcLearner = Guid.NewGuid();
        foreach (var at in times)
        {
            await ProgressSeed.AttemptAsync(app, berlinLearner, "kubelet-stops", at, new SeededAnswer(true, ["kubelet"]));
            await ProgressSeed.AttemptAsync(app, utcLearner, "kubelet-stops", at, new SeededAnswer(true, ["kubelet"]));
        }

        var berlin = await SummaryAsync(berlinLearner, "Europe/Berlin");
        var utc = await SummaryAsync(utcLearner, "UTC");
        var page = await Visitor.BodyAsync(await berliner.Client.GetAsync("/progress"));

        Assert.Equal([new PracticeDay(new(2026, 12, 3), 1, 1), new PracticeDay(new(2026, 12, 2), 2, 2)], berlin.Days);
        Assert.Equal((2, 2), PracticeCalendar.Streak(berlin.Days, new DateOnly(2026, 12, 3)));
        Assert.Equal((3, 3), PracticeCalendar.Streak(utc.Days, new DateOnly(2026, 12, 3)));
        Assert.Matches(@"<span class=""stat-value"">2</span> <span class=""stat-label"">days in a row</span>", page);
        Assert.Contains("Days are counted in Europe/Berlin; today is 2026-12-03.", page);
        Assert.Contains("<title>2026-12-02: 2 answers, 2 right</title>", page);
        Assert.Contains("<title>2026-12-01: no answers</title>", page);
    }

    [Fact]
    public async Task HistoryFiltersReturnWhatTheySayAndPagesKeepThem()
    {
        var browser = new Visitor(app);
        var learner = await LearnerOfAsync(browser);
        var right = new List<Guid>();
        var wrong = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            // kubelet-stops, every other one wrong, one a day from 25 days ago.
            var ok = i % 2 == 0;
            (ok ? right : wrong).Add(await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddDays(-25 + i), new SeededAnswer(ok, ["kubelet"])));
        }
        var big = await ProgressSeed.AttemptAsync(app, learner, "big-cluster", Now.AddHours(-2), new SeededAnswer(true, ["kubelet"]));

        var all = await HistoryIdsAsync(browser, "");
        var secondPage = await HistoryIdsAsync(browser, "?p=2");
        var wrongOnly = await HistoryIdsAsync(browser, "?result=wrong");
        var numberKind = await HistoryIdsAsync(browser, "?kind=number&p=2");
        var lastWeek = await HistoryIdsAsync(browser, "?from=2026-11-27&to=2026-11-30");
        var bad = await Visitor.BodyAsync(await browser.Client.GetAsync("/progress?from=yesterday&result=maybe"));

        Assert.Equal(20, all.Count);
        Assert.Equal(big, all[0]);
        Assert.Equal(6, secondPage.Count);
        Assert.Equal(12, wrongOnly.Count);
        Assert.All(wrongOnly, id => Assert.Contains(id, wrong));
        // big-cluster asks only multi questions: 25 kubelet-stops attempts, 5 on the second page.
        Assert.Equal(5, numberKind.Count);
        Assert.DoesNotContain(big, numberKind);
        // Nov 27 (i = 19) to Nov 30 (i = 22) inclusive, newest first.
        Assert.Equal([right[11], wrong[10], right[10], wrong[9]], lastWeek);
        Assert.Contains("From is a date like 2026-12-03; 'yesterday' is not, so it is left out.", bad);
        Assert.Contains("Result is either right or wrong.", bad);
        Assert.Contains("26 attempts match, newest first.", bad);
        Assert.Contains("href=\"/progress?kind=number&p=1#history\"", await Visitor.BodyAsync(await browser.Client.GetAsync("/progress?kind=number&p=2")));
    }

    [Fact]
    public async Task TheHomePageCardShowsTheStreakTheWeakestComponentAndWhereToGoOn()
    {
        var browser = new Visitor(app);
        Assert.DoesNotContain("Your practice", await Visitor.BodyAsync(await browser.Client.GetAsync("/")));
        var learner = await LearnerOfAsync(browser);
        var latest = await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddHours(-1), new SeededAnswer(false, ["kubelet"]), new SeededAnswer(true, ["kubelet"]));
        await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddDays(-1), new SeededAnswer(false, ["kubelet"]));

        var home = await Visitor.BodyAsync(await browser.Client.GetAsync("/"));

        Assert.Contains("Your practice", home);
        Assert.Matches(@"<span class=""stat-value"">2</span> <span class=""stat-label"">days in a row</span>", home);
        Assert.Contains(@"<span class=""stat-value"">kubelet</span> <span class=""stat-label"">weakest component (1 of 3 right)</span>", home);
        // The module's other scenarios have not been answered: go on with the easiest (difficulty 1).
        Assert.Contains("href=\"/practice/scheduler-stops\">Continue: The scheduler stops</a>", home);
        Assert.Contains($"href=\"/practice/attempts/{latest}\">Your last result</a>", home);
    }

    [Fact]
    public async Task ANewGradeShowsOnTheNextViewThoughTheSummaryIsKeptBetweenViews()
    {
        var browser = new Visitor(app);
        var learner = await LearnerOfAsync(browser);
        await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddDays(-1), new SeededAnswer(true, ["etcd"]));
        Assert.Contains("1 question answered", Regex.Replace(await Visitor.BodyAsync(await browser.Client.GetAsync("/progress")), "<[^>]+>", ""));

        await ProgressSeed.AttemptAsync(app, learner, "kubelet-stops", Now.AddHours(-1), new SeededAnswer(false, ["etcd"]), new SeededAnswer(true, ["etcd"]));
        var after = Regex.Replace(await Visitor.BodyAsync(await browser.Client.GetAsync("/progress")), "<[^>]+>", "");

        Assert.Contains("3 questions answered", after);
        Assert.Contains("2 days in a row", after);
    }

    [Fact]
    public async Task AVisitorWithNothingAnsweredIsToldWhereToStartAndGetsNoCookie()
    {
        var response = await new Visitor(app).Client.GetAsync("/progress");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing answered yet.", await Visitor.BodyAsync(response));
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("practice_learner=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-12-03", 3)] // today has an answer
    [InlineData("2026-12-04", 3)] // not yet today: the streak holds until the day is over
    [InlineData("2026-12-05", 0)] // a whole day missed
    public void TheStreakCountsBackFromTodayOrYesterday(string today, int expected)
    {
        PracticeDay[] days = [new(new(2026, 12, 3), 1, 1), new(new(2026, 12, 2), 4, 2), new(new(2026, 12, 1), 1, 0), new(new(2026, 11, 20), 1, 1), new(new(2026, 11, 19), 1, 1), new(new(2026, 11, 18), 1, 1), new(new(2026, 11, 17), 1, 1)];

        var (current, longest) = PracticeCalendar.Streak(days, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, current);
        Assert.Equal(4, longest);
    }

    private async Task<ProgressSummary> SummaryAsync(Guid learner, string zone)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProgressQueries>().SummaryAsync(learner, zone, CancellationToken.None);
    }

    /// <summary>The learner id a browser practises under: its account's, or the anonymous one it gets on its first scenario page.</summary>
    private async Task<Guid> LearnerOfAsync(Visitor browser)
    {
        var attempt = await browser.AnswerAsync();
        var learner = (await app.LoadAttemptAsync(attempt)).LearnerId;
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new Npgsql.NpgsqlCommand("""DELETE FROM attempts WHERE "Id" = @id""", connection);
        delete.Parameters.AddWithValue("id", attempt);
        await delete.ExecuteNonQueryAsync();
        return learner;
    }

    private static async Task<List<Guid>> HistoryIdsAsync(Visitor browser, string query)
    {
        var html = await Visitor.BodyAsync(await browser.Client.GetAsync("/progress" + query));
        var table = Regex.Match(html, "<table class=\"events history\">.*?</table>", RegexOptions.Singleline).Value;
        return [.. AttemptLink().Matches(table).Select(m => Guid.Parse(m.Groups[1].Value))];
    }

    private static Regex Row(string name, string count, string mastery) =>
        new($"<th scope=\"row\">{Regex.Escape(name)}</th>\\s*<td>{Regex.Escape(count)}</td>\\s*<td>.*?{Regex.Escape(mastery)}", RegexOptions.Singleline);

    [GeneratedRegex("href=\"/practice/attempts/([0-9a-f-]{36})\"")]
    private static partial Regex AttemptLink();
}
