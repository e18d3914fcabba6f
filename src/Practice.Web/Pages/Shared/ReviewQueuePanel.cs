using Practice.Web.Accounts;
using Practice.Web.Review;

namespace Practice.Web.Pages.Shared;

/// <summary>What <c>_ReviewQueue</c> draws: the queue and the learner's time zone for its dates.</summary>
public sealed record ReviewQueuePanel(ReviewQueue Queue, string TimeZone)
{
    public string Local(DateTimeOffset at) => TimeZones.Display(at, TimeZone);
}
