using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Accounts;
using Practice.Web.Catalog;
using Practice.Web.Infrastructure;
using Practice.Web.Progress;

namespace Practice.Web.Pages;

/// <summary>The home page; for a learner who has answered, a card: streak, weakest component, where to go on.</summary>
public sealed class IndexModel(ProgressQueries progress, CourseCatalog catalog, global::Practice.Web.Review.ReviewService review, TimeProvider clock) : PageModel
{
    /// <summary>The review queue, for a learner who has answered anything.</summary>
    public global::Practice.Web.Pages.Shared.ReviewQueuePanel? Review { get; private set; }

    public bool HasProgress { get; private set; }
    public int Streak { get; private set; }
    public Mastery? Weakest { get; private set; }
    public HistoryRow? Latest { get; private set; }

    /// <summary>The next scenario of the latest one's module that the learner has not answered yet, if any.</summary>
    public ScenarioListing? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (LearnerIdentity.Existing(HttpContext) is not { } learner)
        {
            return;
        }
        var zone = LearnerIdentity.TimeZoneOf(HttpContext);
        var summary = await progress.SummaryAsync(learner, zone, cancellationToken);
        Latest = await progress.LatestAsync(learner, cancellationToken);
        if (!summary.HasAnswers || Latest is null)
        {
            return;
        }
        HasProgress = true;
        Review = new global::Practice.Web.Pages.Shared.ReviewQueuePanel(await review.QueueAsync(learner, clock.GetUtcNow(), 3, cancellationToken), zone);
        Streak = PracticeCalendar.Streak(summary.Days, TimeZones.Today(clock, zone)).Current;
        Weakest = summary.Weakest.FirstOrDefault();
        var answered = await catalog.AnsweredScenariosAsync(learner, cancellationToken);
        var all = await catalog.ScenariosAsync(null, cancellationToken);
        var module = all.FirstOrDefault(s => s.Id == Latest.ScenarioId)?.ModuleId;
        Next = all.Where(s => !answered.Contains(s.Id)).OrderBy(s => s.ModuleId == module ? 0 : 1).FirstOrDefault();
    }
}
