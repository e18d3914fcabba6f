using Practice.Web.Review;
using Practice.Web.Review.Scheduling;

namespace Practice.Web.Tests.Review;

/// <summary>How an attempt rates its card, at each threshold's edge (/help/review states the same rules).</summary>
public sealed class ReviewRatingTests
{
    [Theory]
    // All right: Good; over 3 minutes a question: Hard; within 45 s a question on a card in Review: Easy.
    [InlineData(3, 3, 300, false, Rating.Good)]
    [InlineData(3, 3, 540, false, Rating.Good)]   // exactly 3 × 180 s
    [InlineData(3, 3, 541, false, Rating.Hard)]
    [InlineData(3, 3, 135, true, Rating.Easy)]    // exactly 3 × 45 s
    [InlineData(3, 3, 136, true, Rating.Good)]
    [InlineData(3, 3, 10, false, Rating.Good)]    // quick, but the card is still learning
    [InlineData(1, 1, null, true, Rating.Good)]   // time unknown (a live session)
    // Some wrong: Hard while at least half are right; fewer than half: Again.
    [InlineData(2, 3, 60, true, Rating.Hard)]
    [InlineData(1, 2, 60, false, Rating.Hard)]
    [InlineData(1, 3, 60, false, Rating.Again)]
    [InlineData(0, 1, 5, true, Rating.Again)]
    public void AnAttemptRatesItsCard(int right, int asked, int? seconds, bool inReview, Rating expected) =>
        Assert.Equal(expected, ReviewRating.Of(right, asked, seconds is { } s ? TimeSpan.FromSeconds(s) : null, inReview));
}
