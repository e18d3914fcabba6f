using Practice.Web.Review.Scheduling;

namespace Practice.Web.Review;

/// <summary>
/// How a graded attempt rates its scenario's card. The thresholds are shown on /help/review,
/// which reads them from here.
/// </summary>
public static class ReviewRating
{
    /// <summary>All right, but slower than this per question asked: Hard (it came back with effort).</summary>
    public const int SlowSecondsPerQuestion = 180;

    /// <summary>All right within this per question asked, on a card already in Review: Easy.</summary>
    public const int FastSecondsPerQuestion = 45;

    /// <summary>
    /// All right: Easy when quick on a card in Review, Hard when slow, else Good. Some wrong but at
    /// least half right: Hard. Fewer than half right: Again. The time taken is unknown for answers
    /// from a live session (the clock there is the room's), so only the share right counts.
    /// </summary>
    public static Rating Of(int right, int asked, TimeSpan? taken, bool inReview)
    {
        if (asked <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(asked), asked, "an attempt asks at least one question");
        }
        if (right >= asked)
        {
            return taken is { } t && t.TotalSeconds > SlowSecondsPerQuestion * asked ? Rating.Hard
                : inReview && taken is { } quick && quick.TotalSeconds <= FastSecondsPerQuestion * asked ? Rating.Easy
                : Rating.Good;
        }
        return right * 2 >= asked ? Rating.Hard : Rating.Again;
    }
}
