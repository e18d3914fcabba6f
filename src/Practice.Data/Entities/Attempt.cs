namespace Practice.Data;

public enum AttemptStatus { Pending, Graded, Failed }

/// <summary>
/// A learner's answers to one scenario version. Stored before grading, so nothing acknowledged is
/// lost if grading fails or its worker dies; graded exactly once.
/// </summary>
public sealed class Attempt
{
    public Guid Id { get; init; }

    /// <summary>The anonymous learner (cookie) until accounts exist.</summary>
    public Guid LearnerId { get; init; }

    /// <summary>Filled when accounts link anonymous attempts to a user.</summary>
    public string? UserId { get; set; }

    public long ScenarioVersionId { get; init; }
    public ScenarioVersion? ScenarioVersion { get; init; }

    /// <summary>From the form; the same key from the same learner is the same attempt (double submit).</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Question id → raw answer value, as JSON.</summary>
    public required string AnswersJson { get; init; }

    public AttemptStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? GradedAt { get; private set; }

    /// <summary>"inline" or "worker".</summary>
    public string? GradedBy { get; private set; }

    public string? ResultJson { get; private set; }
    public int? Correct { get; private set; }
    public int QuestionCount { get; init; }
    public string? Error { get; private set; }

    /// <summary>Postgres's xmin: two graders racing on one attempt cannot both write (optimistic concurrency).</summary>
    public uint RowVersion { get; private set; }

    public bool IsGraded => Status == AttemptStatus.Graded;

    /// <summary>Records the grade. A second grade of the same attempt changes nothing and says so.</summary>
    public bool RecordGrade(string resultJson, int correct, string gradedBy, DateTimeOffset at)
    {
        if (Status == AttemptStatus.Graded)
        {
            return false;
        }
        (Status, ResultJson, Correct, GradedBy, GradedAt, Error) = (AttemptStatus.Graded, resultJson, correct, gradedBy, at, null);
        return true;
    }

    /// <summary>Grading could not complete (e.g. the simulation hit a guardrail); the answers stay stored.</summary>
    public void RecordFailure(string error, DateTimeOffset at)
    {
        if (Status == AttemptStatus.Graded)
        {
            throw new InvalidOperationException($"attempt {Id} is already graded");
        }
        (Status, Error, GradedAt) = (AttemptStatus.Failed, error, at);
    }
}
