namespace Practice.Data;

/// <summary>A mock exam's blueprint as imported from <c>content/exams/*.yml</c>: its source, read again by the app.</summary>
public sealed class ExamBlueprintRow
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string ContentHash { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>
/// One timed sitting of a mock exam by one learner. The questions are drawn once, from a stored
/// seed, and kept (<c>{scenario version}/{question}</c>, with each one's exam domain), so a reload
/// or a restart shows the same exam. The deadline is stored; answers after it are refused, and a
/// scheduled job ends a sitting nobody submitted with the answers given so far.
/// </summary>
public sealed class ExamSitting
{
    public Guid Id { get; init; }
    public Guid LearnerId { get; set; }
    public string? UserId { get; set; }
    public string ExamId { get; init; } = "";
    public string Title { get; init; } = "";
    public int Seed { get; init; }
    public string[] Questions { get; init; } = [];

    /// <summary>The exam domain each question counts under (its scenario's first domain), by question index.</summary>
    public string[] Domains { get; init; } = [];

    public int PassMark { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>"submitted" by the learner, or "deadline" by the job.</summary>
    public string? EndedBy { get; private set; }

    public List<int> Flagged { get; init; } = [];
    public string? JobId { get; set; }
    public uint RowVersion { get; private set; }

    public bool IsOpen(DateTimeOffset now) => EndedAt is null && now < Deadline;

    /// <summary>Ends the sitting once; false when it had ended already.</summary>
    public bool End(string by, DateTimeOffset now)
    {
        if (EndedAt is not null)
        {
            return false;
        }
        (EndedAt, EndedBy) = (now < Deadline ? now : Deadline, by);
        return true;
    }
}

/// <summary>A sitting's answer to one question, saved as it is given (and replaced when changed before the end).</summary>
public sealed class ExamAnswer
{
    public Guid SittingId { get; init; }
    public int QuestionIndex { get; init; }
    public string Answer { get; set; } = "";
    public DateTimeOffset AnsweredAt { get; set; }
}
