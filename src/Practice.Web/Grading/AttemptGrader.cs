using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Practice.Content.Grading;
using Practice.Content.Questions;
using Practice.Data;
using Practice.Simulation;

namespace Practice.Web.Grading;

/// <summary>
/// What the result page shows for one question, written by the grader and read back as it was
/// written. Only the parts of the question's kind are set.
/// </summary>
public sealed record AnswerDetail(
    string? Answer,
    string? CorrectAnswer,
    IReadOnlyList<string> Explanations,
    string? Problem,
    IReadOnlyList<OptionVerdict>? Options = null,
    NumberMeasure? Number = null,
    IReadOnlyList<OrderedItem>? Order = null,
    IReadOnlyList<ScheduledAction>? Actions = null,
    GoalVerdict? Goal = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AnswerDetail FromJson(string json) =>
        JsonSerializer.Deserialize<AnswerDetail>(json, Json) ?? throw new JsonException("an empty answer detail");
}

/// <summary>A number question's measurement: the value (null: never) and the band of accepted answers.</summary>
public sealed record NumberMeasure(double? Value, double? AcceptedFrom, double? AcceptedTo, string Tolerance, string Explanation);

/// <summary>The grade of one question, and the re-run it needed (runbooks).</summary>
public sealed record QuestionResult(AnswerGrade Grade, AnswerDetail Detail, Trace? Replay);

/// <summary>The whole grade of an attempt.</summary>
public sealed record AttemptGrade(IReadOnlyDictionary<string, QuestionResult> Questions)
{
    public IReadOnlyDictionary<string, AnswerGrade> Grades => Questions.ToDictionary(q => q.Key, q => q.Value.Grade);

    /// <summary>Re-runs by their <c>simulation_runs</c> key (equal runbooks share one).</summary>
    public IEnumerable<(string Key, Trace Trace)> Replays =>
        Questions.Values.Where(q => q.Replay is not null && q.Grade.ReplayKey is not null)
            .Select(q => (q.Grade.ReplayKey!, q.Replay!)).DistinctBy(r => r.Item1);
}

/// <summary>
/// The grade step: a pure function of a scenario version's run and the stored answers. No
/// database, no clock; a runbook answer re-runs the incident. Anything it throws (a guardrail of
/// the simulation, a bug) is deterministic: grading the same answers again throws again.
/// A service (not a static) so that tests can stand a failing grader in its place.
/// </summary>
public class AttemptGrader
{
    public virtual AttemptGrade Grade(long versionId, ScenarioRun run, IEnumerable<AttemptAnswer> answers, SimulationLimits limits, CancellationToken cancellationToken)
    {
        var given = answers.ToDictionary(a => a.QuestionId, a => a.Answer, StringComparer.Ordinal);
        foreach (var unknown in given.Keys.Where(id => run.Scenario.Question(id) is null))
        {
            throw new InvalidOperationException($"question '{unknown}' is not in scenario '{run.Scenario.Id}' version {versionId}");
        }
        // Every question of the scenario: a question with no answer (or no row) is graded unanswered.
        var results = new Dictionary<string, QuestionResult>(StringComparer.Ordinal);
        foreach (var question in run.Scenario.Questions)
        {
            var result = given.GetValueOrDefault(question.Id) is { } answer
                ? Graded(versionId, question, run, answer, limits, cancellationToken)
                : Unanswered(question, run.Outcome(question.Id));
            results[question.Id] = result with { Grade = result.Grade with { Kind = question.KindName } };
        }
        return new AttemptGrade(results);
    }

    private static QuestionResult Graded(long versionId, Question question, ScenarioRun run, string answer, SimulationLimits limits, CancellationToken cancellationToken)
    {
        QuestionGrade grade;
        try
        {
            grade = ScenarioGrader.Grade(run, question.Id, answer, cancellationToken, limits);
        }
        catch (AnswerException e)
        {
            // Submit validated it with the same reader; an answer that no longer reads is reported, not thrown.
            var unreadable = Describe(question, run.Outcome(question.Id), answer, null, [], e.Message);
            return new QuestionResult(new AnswerGrade(false, 0, unreadable.ToJson(), null), unreadable, null);
        }
        var outcome = run.Outcome(question.Id);
        var detail = Describe(question, outcome, answer, grade.CorrectAnswer, grade.Explanations, null) with
        {
            Actions = grade.Replay?.Actions,
            Goal = grade.Replay?.Goal ?? (outcome as RunbookOutcome)?.Goal,
        };
        var replayKey = grade.Replay is { } replay ? ReplayKey(versionId, question.Id, replay.Actions, ScenarioLibrary.VariantKey(run.Scenario)) : null;
        var points = Points(question, outcome, answer, grade);
        return new QuestionResult(new AnswerGrade(grade.Correct, points, detail.ToJson(), replayKey), detail, grade.Replay?.Trace);
    }

    private static QuestionResult Unanswered(Question question, QuestionOutcome outcome)
    {
        var detail = Describe(question, outcome, null, null, [], "not answered");
        return new QuestionResult(new AnswerGrade(false, 0, detail.ToJson(), null), detail, null);
    }

    /// <summary>Everything the result page shows for a question, from the run's outcome.</summary>
    private static AnswerDetail Describe(Question question, QuestionOutcome outcome, string? answer, string? correct, IReadOnlyList<string> explanations, string? problem) =>
        (question, outcome) switch
        {
            (ChoiceQuestion, ChoiceOutcome choice) => new AnswerDetail(answer, correct ?? string.Join(",", choice.Holding), explanations, problem, Options: choice.Options),
            (NumberQuestion number, NumberOutcome measured) => new AnswerDetail(answer, correct, explanations, problem, Number: Measure(number, measured)),
            (OrderQuestion, OrderOutcome order) => new AnswerDetail(answer, correct ?? string.Join(",", order.Order), explanations, problem, Order: order.Items),
            _ => new AnswerDetail(answer, correct, explanations, problem),
        };

    private static NumberMeasure Measure(NumberQuestion question, NumberOutcome outcome)
    {
        if (outcome.IsNever || outcome.Value is not { } value)
        {
            return new NumberMeasure(null, null, null, question.Tolerance.ToString(), outcome.Explanation);
        }
        var allowed = question.Tolerance.AllowedFor(value);
        return new NumberMeasure(value, value - allowed, value + allowed, question.Tolerance.ToString(), outcome.Explanation);
    }

    /// <summary>Partial credit as <see cref="AnswerGrade"/> defines it.</summary>
    private static int Points(Question question, QuestionOutcome outcome, string answer, QuestionGrade grade)
    {
        if (grade.Correct)
        {
            return AnswerGrade.MaxPoints;
        }
        double share = (question, outcome) switch
        {
            (ChoiceQuestion { IsSingle: false }, ChoiceOutcome choice) => Share(choice.Options, o => Ids(answer).Contains(o.Id) == o.Holds),
            (OrderQuestion, OrderOutcome order) => Share(order.Order.Zip(Ids(answer)), pair => pair.First == pair.Second),
            (RunbookQuestion, _) when grade.Replay is { } replay => Share(replay.Goal.Goals, g => g.Holds),
            _ => 0,
        };
        // A wrong answer never earns full marks, however close.
        return Math.Min(AnswerGrade.MaxPoints - 1, (int)Math.Round(share * AnswerGrade.MaxPoints, MidpointRounding.ToZero));
    }

    private static double Share<T>(IEnumerable<T> items, Func<T, bool> right)
    {
        var list = items.ToList();
        return list.Count == 0 ? 0 : (double)list.Count(right) / list.Count;
    }

    private static List<string> Ids(string answer) =>
        [.. answer.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>
    /// Equal runbooks of one question, version and variant are one run (per model revision): the
    /// key hashes the timed actions and the variant's values (<see cref="ScenarioLibrary.VariantKey"/>, "" as written).
    /// </summary>
    public static string ReplayKey(long versionId, string questionId, IReadOnlyList<ScheduledAction> actions, string variantKey = "")
    {
        var text = string.Join(',', actions.Select(a => $"{a.ChoiceId}@{a.AtMs}")) + variantKey;
        return $"v{versionId}:r{Practice.Simulation.Simulator.ModelRevision}:{questionId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32]}";
    }
}
