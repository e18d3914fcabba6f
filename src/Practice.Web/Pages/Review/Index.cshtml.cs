using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Infrastructure;
using Practice.Web.Pages.Shared;
using Practice.Web.Review;

namespace Practice.Web.Pages.Review;

/// <summary>"Review": the scenario due first, one after another (each result page leads back here while more are due).</summary>
public sealed class IndexModel(ReviewService review, TimeProvider clock) : PageModel
{
    public ReviewQueuePanel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var queue = LearnerIdentity.Existing(HttpContext) is { } learner
            ? await review.QueueAsync(learner, clock.GetUtcNow(), 5, cancellationToken)
            : new ReviewQueue(0, [], []);
        if (queue.Due.Count > 0)
        {
            return Redirect($"/practice/{queue.Due[0].ScenarioId}");
        }
        Panel = new ReviewQueuePanel(queue, LearnerIdentity.TimeZoneOf(HttpContext));
        return Page();
    }
}
