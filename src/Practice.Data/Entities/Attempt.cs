namespace Practice.Data;

public enum AttemptStatus { Pending, Graded, Failed }

/// <summary>A retry of the questions another attempt (<paramref name="Of"/>) got wrong.</summary>
public sealed record Retry(Guid Of, IReadOnlyList<string> Questions);

/// <summary>
/// A learner's answers to one scenario version. Stored before grading, one
/// <see cref="AttemptAnswer"/> per answered question, so nothing acknowledged is lost if grading
/// fails or its worker dies; grading adds a row for each question left unanswered, so a graded
/// attempt has one row per question of its scenario. Graded exactly once; or failed with a
/// reason, and the learner can have it graded again.
/// </summary>
public sealed class Attempt
{
    private readonly List<AttemptAnswer> _answers = [];

    public Guid Id { get; private init; }

    /// <summary>A visitor's anonymous id (cookie), or the account's <see cref="PracticeUser.LearnerId"/>: progress reads attempts by it.</summary>
    public Guid LearnerId { get; private init; }

    /// <summary>The account it belongs to: set when a signed-in learner submits, or when a visitor's attempts are merged into an account.</summary>
    public string? UserId { get; set; }

    public long ScenarioVersionId { get; private init; }
    public ScenarioVersion? ScenarioVersion { get; private init; }

    /// <summary>
    /// The variant answered: the seed its values were drawn from (scenario-format "variants"); 0
    /// for the scenario as written, and for every scenario without variants. Graded against that variant.
    /// </summary>
    public int VariantSeed { get; private init; }

    /// <summary>From the form; the same key from the same learner is the same attempt (a double submit).</summary>
    public string IdempotencyKey { get; private init; } = "";

    public AttemptStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }

    /// <summary>When the learner opened the scenario page (from its form), for how long they took; null when unknown.</summary>
    public DateTimeOffset? OpenedAt { get; private init; }
    public DateTimeOffset? GradedAt { get; private set; }

    /// <summary>"inline" or "worker".</summary>
    public string? GradedBy { get; private set; }

    public int? Correct { get; private set; }
    public int QuestionCount { get; private init; }

    /// <summary>
    /// The questions this attempt asked, when it retried only those another attempt got wrong
    /// (<see cref="RetryOf"/>); null when it asked every question of the scenario.
    /// </summary>
    public string[]? Asked { get; private init; }

    /// <summary>The attempt whose wrong answers this one retried.</summary>
    public Guid? RetryOf { get; private init; }

    /// <summary>The live session this attempt was answered in (recorded when the session ended).</summary>
    public Guid? LiveSessionId { get; private init; }

    /// <summary>The mock exam sitting this attempt was answered in (recorded when the sitting ended).</summary>
    public Guid? ExamSittingId { get; private init; }

    /// <summary>Why grading could not finish, in words a learner can read.</summary>
    public string? Error { get; private set; }

    /// <summary>The Hangfire job that grades it, once queued: the sweep queues an attempt once, not once a minute.</summary>
    public string? JobId { get; private set; }

    /// <summary>How many times a worker was asked to grade it; the sweep fails it past its limit.</summary>
    public int GradingTries { get; private set; }

    /// <summary>Postgres's xmin: two graders racing on one attempt cannot both write (optimistic concurrency).</summary>
    public uint RowVersion { get; private set; }

    public IReadOnlyList<AttemptAnswer> Answers => _answers;

    public bool IsGraded => Status == AttemptStatus.Graded;

    /// <summary>A pending attempt with one answer row per question, in the scenario's order.</summary>
    public static Attempt Submit(Guid id, Guid learnerId, long versionId, string idempotencyKey,
        DateTimeOffset at, int questionCount, IReadOnlyList<AttemptAnswer> answers, Retry? retry = null,
        IReadOnlyList<string>? asked = null, Guid? liveSessionId = null, DateTimeOffset? openedAt = null, Guid? examSittingId = null, int variantSeed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variantSeed);
        var attempt = new Attempt
        {
            Id = id, LearnerId = learnerId, ScenarioVersionId = versionId, OpenedAt = openedAt, VariantSeed = variantSeed,
            IdempotencyKey = idempotencyKey, CreatedAt = at, Status = AttemptStatus.Pending, QuestionCount = questionCount,
            Asked = retry is not null ? [.. retry.Questions] : asked is not null ? [.. asked] : null, RetryOf = retry?.Of,
            LiveSessionId = liveSessionId, ExamSittingId = examSittingId,
        };
        attempt._answers.AddRange(answers);
        return attempt;
    }

    /// <summary>
    /// Records the grade of every question. Only a pending attempt can be graded: a second grader
    /// (a retried job, a second worker) changes nothing and is told so.
    /// </summary>
    /// <param name="unanswered">Rows for the questions left unanswered (the attempt stored none), graded too.</param>
    public bool RecordGrade(IReadOnlyDictionary<string, AnswerGrade> grades, IEnumerable<AttemptAnswer> unanswered, string gradedBy, DateTimeOffset at)
    {
        if (Status != AttemptStatus.Pending)
        {
            return false;
        }
        _answers.AddRange(unanswered.Where(row => row.AttemptId == Id && row.Answer is null && _answers.All(a => a.QuestionId != row.QuestionId)
            && (Asked is null || Asked.Contains(row.QuestionId))));
        foreach (var answer in _answers)
        {
            answer.Record(grades.TryGetValue(answer.QuestionId, out var grade)
                ? grade
                : throw new ArgumentException($"no grade for question '{answer.QuestionId}' of attempt {Id}", nameof(grades)));
        }
        (Status, Correct, GradedBy, GradedAt, Error) = (AttemptStatus.Graded, _answers.Count(a => a.Correct == true), gradedBy, at, null);
        return true;
    }

    /// <summary>Grading could not complete (e.g. a re-run hit a guardrail); the answers stay stored. Only from pending.</summary>
    public bool RecordFailure(string reason, DateTimeOffset at)
    {
        if (Status != AttemptStatus.Pending)
        {
            return false;
        }
        (Status, Error, GradedAt) = (AttemptStatus.Failed, reason, at);
        return true;
    }

    /// <summary>The learner asks to grade a failed attempt again: back to pending. Only from failed.</summary>
    public bool Retry()
    {
        if (Status != AttemptStatus.Failed)
        {
            return false;
        }
        (Status, Error, GradedAt, JobId, GradingTries) = (AttemptStatus.Pending, null, null, null, 0);
        return true;
    }

    /// <summary>Notes the job that grades it and counts the try; a graded or failed attempt needs none.</summary>
    public bool Queued(string jobId)
    {
        if (Status != AttemptStatus.Pending)
        {
            return false;
        }
        (JobId, GradingTries) = (jobId, GradingTries + 1);
        return true;
    }
}

/// <summary>
/// One question of an attempt: what the learner answered and, once graded, the grade. Module and
/// components are copied from the scenario version so progress reads one table.
/// </summary>
public sealed class AttemptAnswer
{
    public Guid AttemptId { get; private init; }
    public string QuestionId { get; private init; } = "";

    /// <summary>The attempt's learner, copied so progress reads answers by learner without a join.</summary>
    public Guid LearnerId { get; private init; }

    /// <summary>The question's place in the scenario (0-based).</summary>
    public int Position { get; private init; }

    /// <summary><c>multi</c>, <c>single</c>, <c>number</c>, <c>order</c> or <c>runbook</c>.</summary>
    public string Kind { get; private set; } = "";
    public string ModuleId { get; private init; } = "";
    public string[] Components { get; private init; } = [];

    /// <summary>In the notation of scenario-format.md "Answer values"; null when left unanswered.</summary>
    public string? Answer { get; private init; }

    public bool? Correct { get; private set; }

    /// <summary>0..<see cref="AnswerGrade.MaxPoints"/>: partial credit (see <see cref="AnswerGrade"/>).</summary>
    public int? Points { get; private set; }

    /// <summary>What the result page shows for this question, as recorded by the grader (JSON).</summary>
    public string? DetailJson { get; private set; }

    /// <summary>
    /// A runbook answered in the incident console: its transcript (JSON: each command's moment,
    /// prompt, text and output), kept as the learner saw it; null for an answer from the form's steps.
    /// </summary>
    public string? Transcript { get; set; }

    /// <summary>The stored re-run (a <see cref="SimulationRun"/> key) of a runbook answer.</summary>
    public string? ReplayKey { get; private set; }

    public static AttemptAnswer For(Guid attemptId, Guid learnerId, string questionId, int position, string kind, string moduleId, string[] components, string? answer) =>
        new()
        {
            AttemptId = attemptId, LearnerId = learnerId, QuestionId = questionId, Position = position, Kind = kind,
            ModuleId = moduleId, Components = components, Answer = answer,
        };

    internal void Record(AnswerGrade grade)
    {
        (Correct, Points, DetailJson, ReplayKey) = (grade.Correct, grade.Points, grade.DetailJson, grade.ReplayKey);
        // Rows carried over from the first release's pending attempts did not know their kind.
        Kind = grade.Kind ?? Kind;
    }
}

/// <summary>
/// One question's grade. Points give partial credit out of <see cref="MaxPoints"/>: a right answer
/// earns all of them; a wrong multi earns the share of options the learner judged right, an order
/// the share of items in their place, a runbook the share of goals its re-run met; number, single
/// and unanswered questions earn none unless right.
/// </summary>
public sealed record AnswerGrade(bool Correct, int Points, string DetailJson, string? ReplayKey)
{
    public const int MaxPoints = 100;

    /// <summary>The question's kind as the grader read it (<c>multi</c>, ...).</summary>
    public string? Kind { get; init; }
}
