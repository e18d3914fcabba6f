using System.Security.Cryptography;
using System.Text;

namespace Practice.Web.Review.Scheduling;

public enum Rating { Again = 1, Hard = 2, Good = 3, Easy = 4 }

/// <summary>A new card is Learning at step 0, with no stability or difficulty yet.</summary>
public enum CardState { Learning = 1, Review = 2, Relearning = 3 }

/// <summary>FSRS-6's settings: the 21 weights (w20 is the decay), the retention aimed at, the (re)learning steps, the longest interval.</summary>
public sealed record FsrsParameters(IReadOnlyList<double> W, double DesiredRetention, IReadOnlyList<TimeSpan> LearningSteps, IReadOnlyList<TimeSpan> RelearningSteps, int MaximumIntervalDays)
{
    public static FsrsParameters Default { get; } = new(
        [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542],
        0.9, [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)], [TimeSpan.FromMinutes(10)], 36_500);

    public double Decay => -W[20];

    /// <summary>Chosen so that retrievability is exactly the desired 0.9 after an interval equal to the stability.</summary>
    public double Factor => Math.Pow(0.9, 1 / Decay) - 1;
}

/// <summary>A card's memory state. <see cref="Step"/> is set while (re)learning; stability and difficulty after the first rating.</summary>
public sealed record FsrsCard(CardState State, int? Step, double? Stability, double? Difficulty, DateTimeOffset Due, DateTimeOffset? LastReview, int Reviews)
{
    public static FsrsCard New(DateTimeOffset now) => new(CardState.Learning, 0, null, null, now, null, 0);
}

/// <summary>
/// The FSRS-6 scheduler, written from the published formulas (see shared/fsrs.md): given a card,
/// a rating and the time of the review, the card after it. Pure: no clock, no database; the fuzz
/// of a Review interval is drawn from a hash of the card's key and its review count, so the same
/// inputs always give the same schedule.
/// </summary>
public sealed class FsrsScheduler(FsrsParameters parameters, bool fuzz = true)
{
    public const double MinimumStability = 0.001;

    public FsrsScheduler() : this(FsrsParameters.Default)
    {
    }

    public FsrsParameters Parameters => parameters;

    private IReadOnlyList<double> W => parameters.W;

    /// <summary>The card after a review rated <paramref name="rating"/> at <paramref name="at"/>; <paramref name="key"/> seeds the fuzz.</summary>
    public FsrsCard Review(FsrsCard card, Rating rating, DateTimeOffset at, string key)
    {
        var elapsedDays = card.LastReview is { } last ? (int?)Math.Floor((at - last).TotalDays) : null;
        double stability, difficulty;
        if (card.Stability is not { } s || card.Difficulty is not { } d)
        {
            (stability, difficulty) = (InitialStability(rating), InitialDifficulty(rating, clamp: true));
        }
        else
        {
            stability = elapsedDays is < 1
                ? ShortTermStability(s, rating)
                : NextStability(d, s, Retrievability(s, Math.Max(0, elapsedDays ?? 0)), rating);
            difficulty = NextDifficulty(d, rating);
        }

        var state = card.State;
        int? step = card.Step;
        TimeSpan wait;
        switch (card.State)
        {
            case CardState.Learning or CardState.Relearning:
                var steps = card.State == CardState.Learning ? parameters.LearningSteps : parameters.RelearningSteps;
                var at0 = step ?? 0;
                if (steps.Count == 0 || (at0 >= steps.Count && rating != Rating.Again))
                {
                    (state, step, wait) = (CardState.Review, null, Days(Interval(stability)));
                }
                else
                {
                    switch (rating)
                    {
                        case Rating.Again:
                            (step, wait) = (0, steps[0]);
                            break;
                        case Rating.Hard:
                            wait = at0 == 0 ? steps.Count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2 : steps[at0];
                            break;
                        case Rating.Good when at0 + 1 == steps.Count:
                        case Rating.Easy:
                            (state, step, wait) = (CardState.Review, null, Days(Interval(stability)));
                            break;
                        default:
                            step = at0 + 1;
                            wait = steps[at0 + 1];
                            break;
                    }
                }
                break;
            default:
                if (rating == Rating.Again && parameters.RelearningSteps.Count > 0)
                {
                    (state, step, wait) = (CardState.Relearning, 0, parameters.RelearningSteps[0]);
                }
                else
                {
                    wait = Days(Interval(stability));
                }
                break;
        }
        if (fuzz && state == CardState.Review)
        {
            wait = Days(Fuzzed((int)wait.TotalDays, key, card.Reviews));
        }
        return new FsrsCard(state, step, stability, difficulty, at + wait, at, card.Reviews + 1);
    }

    /// <summary>R(t, S) = (1 + FACTOR·t/S)^decay, t in whole days.</summary>
    public double Retrievability(double stability, int elapsedDays) =>
        Math.Pow(1 + (parameters.Factor * elapsedDays / stability), parameters.Decay);

    /// <summary>Retrievability of a card at a moment (1 before its first review).</summary>
    public double Retrievability(FsrsCard card, DateTimeOffset at) =>
        card is { Stability: { } s, LastReview: { } last } ? Retrievability(s, Math.Max(0, (int)Math.Floor((at - last).TotalDays))) : 1;

    /// <summary>The interval in days at which retrievability falls to the desired retention: rounded half to even, 1 to the maximum.</summary>
    public int Interval(double stability, double? desiredRetention = null)
    {
        var days = stability / parameters.Factor * (Math.Pow(desiredRetention ?? parameters.DesiredRetention, 1 / parameters.Decay) - 1);
        var rounded = Math.Round(days, MidpointRounding.ToEven);
        return (int)Math.Clamp(rounded, 1, parameters.MaximumIntervalDays);
    }

    /// <summary>The range a Review interval of <paramref name="days"/> may be fuzzed within (days of 3 or more; others are not fuzzed).</summary>
    public (int Min, int Max) FuzzRange(int days)
    {
        var delta = 1.0 + (0.15 * Math.Max(Math.Min(days, 7) - 2.5, 0)) + (0.10 * Math.Max(Math.Min(days, 20) - 7, 0)) + (0.05 * Math.Max(days - 20.0, 0));
        var min = Math.Max(2, (int)Math.Round(days - delta, MidpointRounding.ToEven));
        var max = Math.Min((int)Math.Round(days + delta, MidpointRounding.ToEven), parameters.MaximumIntervalDays);
        return (Math.Min(min, max), max);
    }

    private int Fuzzed(int days, string key, int reviews)
    {
        if (days < 2.5)
        {
            return days;
        }
        var (min, max) = FuzzRange(days);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}#{reviews}"));
        var draw = BitConverter.ToUInt64(hash, 0) % (ulong)(max - min + 1);
        return Math.Min(min + (int)draw, parameters.MaximumIntervalDays);
    }

    private static TimeSpan Days(int days) => TimeSpan.FromDays(days);

    private double InitialStability(Rating rating) => Math.Max(W[(int)rating - 1], MinimumStability);

    private double InitialDifficulty(Rating rating, bool clamp)
    {
        var d = W[4] - Math.Exp(W[5] * ((int)rating - 1)) + 1;
        return clamp ? Math.Clamp(d, 1, 10) : d;
    }

    /// <summary>Difficulty moves by −w6·(G−3), damped toward 10, then reverts toward the (unclamped) Easy start; clamped last.</summary>
    private double NextDifficulty(double difficulty, Rating rating)
    {
        var delta = -(W[6] * ((int)rating - 3));
        var damped = difficulty + (delta * (10 - difficulty) / 9);
        var reverted = (W[7] * InitialDifficulty(Rating.Easy, clamp: false)) + ((1 - W[7]) * damped);
        return Math.Clamp(reverted, 1, 10);
    }

    private double NextStability(double difficulty, double stability, double retrievability, Rating rating)
    {
        double next;
        if (rating == Rating.Again)
        {
            var longTerm = W[11] * Math.Pow(difficulty, -W[12]) * (Math.Pow(stability + 1, W[13]) - 1) * Math.Exp(W[14] * (1 - retrievability));
            var shortTerm = stability / Math.Exp(W[17] * W[18]);
            next = Math.Min(longTerm, shortTerm);
        }
        else
        {
            var hardPenalty = rating == Rating.Hard ? W[15] : 1;
            var easyBonus = rating == Rating.Easy ? W[16] : 1;
            next = stability * (1 + (Math.Exp(W[8]) * (11 - difficulty) * Math.Pow(stability, -W[9]) * (Math.Exp(W[10] * (1 - retrievability)) - 1) * hardPenalty * easyBonus));
        }
        return Math.Clamp(next, MinimumStability, parameters.MaximumIntervalDays);
    }

    /// <summary>A second review the same day: S·e^(w17·(G−3+w18))·S^(−w19), never lower for Hard, Good or Easy.</summary>
    private double ShortTermStability(double stability, Rating rating)
    {
        var increase = Math.Exp(W[17] * ((int)rating - 3 + W[18])) * Math.Pow(stability, -W[19]);
        if (rating != Rating.Again)
        {
            increase = Math.Max(increase, 1);
        }
        return Math.Clamp(stability * increase, MinimumStability, parameters.MaximumIntervalDays);
    }
}
