namespace Practice.Data;

/// <summary>
/// A learner's review card for one scenario: FSRS's memory state and when to see it again. One
/// card per scenario, not per question: a scenario is one incident, answered as a whole, and
/// review opens it as a whole. Each graded attempt of the scenario rates the card once.
/// </summary>
public sealed class ReviewCard
{
    public Guid LearnerId { get; set; }
    public string ScenarioId { get; init; } = "";

    /// <summary>1 Learning, 2 Review, 3 Relearning (the scheduler's states).</summary>
    public int State { get; set; }
    public int? Step { get; set; }
    public double? Stability { get; set; }
    public double? Difficulty { get; set; }
    public DateTimeOffset Due { get; set; }
    public DateTimeOffset? LastReview { get; set; }
    public int Reviews { get; set; }

    /// <summary>Postgres's xmin, checked when the card is rated: a card read before another rating changed it is not written.</summary>
    public uint RowVersion { get; private set; }
}

/// <summary>One rating of a card: which attempt, how it was rated, and the card after it. One per attempt.</summary>
public sealed class ReviewLog
{
    public long Id { get; init; }
    public Guid LearnerId { get; set; }
    public string ScenarioId { get; init; } = "";
    public Guid AttemptId { get; init; }

    /// <summary>
    /// The card's review count after this rating: unique per card, so two ratings made from the
    /// same state cannot both be stored. Null for ratings stored before numbers were kept, and
    /// for a visitor's ratings of a scenario whose card their account already had (see AttemptMerge).
    /// </summary>
    public int? Number { get; init; }

    /// <summary>1 Again, 2 Hard, 3 Good, 4 Easy.</summary>
    public int Rating { get; init; }
    public DateTimeOffset ReviewedAt { get; init; }
    public DateTimeOffset DueAfter { get; init; }
    public int StateAfter { get; init; }
    public double StabilityAfter { get; init; }
    public double DifficultyAfter { get; init; }
}
