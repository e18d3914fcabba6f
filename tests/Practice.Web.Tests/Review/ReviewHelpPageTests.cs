using System.Text.RegularExpressions;
using Practice.Web.Review;
using Practice.Web.Review.Scheduling;
using Practice.Web.Tests.Account;

namespace Practice.Web.Tests.Review;

/// <summary>/help/review states the rating rules the code applies: the test reads the page's numbers and tries them on the code.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ReviewHelpPageTests(WebAppFixture app)
{
    [Fact]
    public async Task ThePageThresholdsAreTheOnesTheRatingUses()
    {
        var page = await Visitor.BodyAsync(await new Visitor(app).Client.GetAsync("/help/review"));
        var fast = int.Parse(Threshold("fast").Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var slow = int.Parse(Threshold("slow").Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // "Every question right, within {fast} seconds a question, on a scenario already in review": Easy, and not a second more.
        Assert.Equal(Rating.Easy, ReviewRating.Of(2, 2, TimeSpan.FromSeconds(2 * fast), inReview: true));
        Assert.Equal(Rating.Good, ReviewRating.Of(2, 2, TimeSpan.FromSeconds((2 * fast) + 1), inReview: true));
        // "Every question right, but over {slow} seconds a question": Hard.
        Assert.Equal(Rating.Good, ReviewRating.Of(2, 2, TimeSpan.FromSeconds(2 * slow), inReview: false));
        Assert.Equal(Rating.Hard, ReviewRating.Of(2, 2, TimeSpan.FromSeconds((2 * slow) + 1), inReview: false));
        // "Some wrong, at least half right": Hard; "Fewer than half right": Again.
        Assert.Contains("Some wrong, at least half right</td><td>Hard", page);
        Assert.Equal(Rating.Hard, ReviewRating.Of(2, 4, null, inReview: false));
        Assert.Contains("Fewer than half right</td><td>Again", page);
        Assert.Equal(Rating.Again, ReviewRating.Of(1, 4, null, inReview: false));
    }

    private static Regex Threshold(string name) => new($"data-threshold=\"{name}\">(\\d+)<");
}
