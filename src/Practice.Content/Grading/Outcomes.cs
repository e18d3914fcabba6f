using Practice.Content.Questions;
using Practice.Simulation;

namespace Practice.Content.Grading;

/// <summary>What a question measures on a run: the correct answer, with the probes' explanations.</summary>
public abstract record QuestionOutcome(string QuestionId);

public sealed record OptionVerdict(string Id, bool Holds, string Explanation);

/// <summary>A multi or single question: each option's verdict.</summary>
public sealed record ChoiceOutcome(string QuestionId, IReadOnlyList<OptionVerdict> Options) : QuestionOutcome(QuestionId)
{
    public IReadOnlyList<string> Holding => [.. Options.Where(o => o.Holds).Select(o => o.Id)];
}

/// <summary>A number question: the measured value, or never (a <c>time_until</c> whose condition never held).</summary>
public sealed record NumberOutcome(string QuestionId, double? Value, bool IsNever, string Explanation) : QuestionOutcome(QuestionId);

/// <summary>An order item and when its event first happened (null: never).</summary>
public sealed record OrderedItem(string Id, long? AtMs);

/// <summary>An order question: its items in trace order (ties and never-seen events keep the file's order, never-seen last).</summary>
public sealed record OrderOutcome(string QuestionId, IReadOnlyList<OrderedItem> Items) : QuestionOutcome(QuestionId)
{
    public IReadOnlyList<string> Order => [.. Items.Select(i => i.Id)];
}

public sealed record GoalCheck(string Probe, bool Holds, string Explanation);

/// <summary>Whether every goal probe of a runbook question holds on a run.</summary>
public sealed record GoalVerdict(bool Holds, IReadOnlyList<GoalCheck> Goals);

/// <summary>A runbook question: the goal verdict when nobody does anything.</summary>
public sealed record RunbookOutcome(string QuestionId, GoalVerdict Goal) : QuestionOutcome(QuestionId);

/// <summary>A learner's action placed on the timeline: the choice and when it runs.</summary>
public sealed record ScheduledAction(string ChoiceId, long AtMs);

/// <summary>The re-run of the incident with a learner's runbook: its trace, for the result page's timeline.</summary>
public sealed record RunbookReplay(IReadOnlyList<ScheduledAction> Actions, Trace Trace, GoalVerdict Goal);

/// <summary>One graded answer, ready for a result page.</summary>
/// <param name="Answer">The learner's answer, as given.</param>
/// <param name="CorrectAnswer">A correct answer in the same notation (for runbooks, the author's <c>solution</c> if any, else empty).</param>
/// <param name="Explanations">What the simulation measured that decides the grade.</param>
public sealed record QuestionGrade(string QuestionId, QuestionKind Kind, string Answer, bool Correct, string CorrectAnswer, IReadOnlyList<string> Explanations)
{
    /// <summary>Runbook questions: the re-run with the learner's actions.</summary>
    public RunbookReplay? Replay { get; init; }
}
