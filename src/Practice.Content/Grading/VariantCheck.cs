using Practice.Content.Diagnostics;
using Practice.Content.Questions;
using Practice.Content.Scenarios;

namespace Practice.Content.Grading;

/// <summary>
/// One right answer that is not the same in a variant as in the scenario as written: an option
/// that holds in one and not the other, a number the written answer no longer matches, another
/// order, a runbook goal met or missed with no action.
/// </summary>
/// <param name="OptionId">The option of a multi or single question; null for the question as a whole.</param>
/// <param name="Declared">The author said it may change (<c>varies: true</c>).</param>
public sealed record VerdictChange(string QuestionId, string? OptionId, VariantChoice Variant, string AsWritten, string InVariant, bool Declared)
{
    public string What => OptionId is null ? $"question '{QuestionId}'" : $"option '{OptionId}' of question '{QuestionId}'";

    public override string ToString() =>
        $"{What}: {AsWritten} as written, but {InVariant} with seed {Variant.Seed} ({Variant}){(Declared ? " (declared: varies)" : "")}";
}

/// <summary>What <c>sim --variants K</c> found: every variant run, and the verdicts that changed.</summary>
public sealed record VariantReport(ScenarioRun AsWritten, IReadOnlyList<ScenarioRun> Variants, IReadOnlyList<VerdictChange> Changes)
{
    public IEnumerable<VerdictChange> Undeclared => Changes.Where(c => !c.Declared);
}

/// <summary>
/// Runs a scenario's variants and compares every question's right answer with the scenario as
/// written: an author's check that a variant does not silently change what is correct.
/// </summary>
public static class VariantCheck
{
    /// <summary>
    /// Checks seeds 1..<paramref name="count"/> (each as <see cref="ScenarioGrader.Check"/> does,
    /// problems reported with the seed) and compares each with <paramref name="asWritten"/>; an
    /// undeclared change is also an error at the question or option. Null when a variant failed to run.
    /// </summary>
    public static VariantReport? Run(ScenarioRun asWritten, int count, Problems problems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asWritten);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var runs = new List<ScenarioRun>();
        var changes = new List<VerdictChange>();
        for (var seed = 1; seed <= count; seed++)
        {
            var variant = asWritten.Scenario.AtSeed(seed);
            var found = new Problems();
            var run = ScenarioGrader.Check(variant, found, cancellationToken);
            foreach (var problem in found.All)
            {
                problems.Add(problem with { Message = $"{problem.Message} (seed {seed}: {variant.Variant})" });
            }
            if (run is null)
            {
                return null;
            }
            runs.Add(run);
            foreach (var change in Compare(asWritten, run))
            {
                changes.Add(change);
                if (!change.Declared)
                {
                    var at = change.OptionId is { } option && variant.Question(change.QuestionId) is ChoiceQuestion choice
                        ? choice.Options.First(o => o.Id == option).At
                        : variant.Question(change.QuestionId)!.At;
                    problems.Error(at, $"{change}; if a variant may change it, say 'varies: true' on it");
                }
            }
        }
        return new VariantReport(asWritten, runs, changes);
    }

    /// <summary>Every right answer of <paramref name="variant"/> that differs from <paramref name="asWritten"/>.</summary>
    public static IEnumerable<VerdictChange> Compare(ScenarioRun asWritten, ScenarioRun variant)
    {
        ArgumentNullException.ThrowIfNull(asWritten);
        ArgumentNullException.ThrowIfNull(variant);
        var choice = variant.Scenario.Variant;
        foreach (var question in variant.Scenario.Questions)
        {
            var before = asWritten.Outcome(question.Id);
            var after = variant.Outcome(question.Id);
            switch (question, before, after)
            {
                case (ChoiceQuestion q, ChoiceOutcome b, ChoiceOutcome a):
                    foreach (var option in q.Options)
                    {
                        var was = b.Options.First(o => o.Id == option.Id).Holds;
                        var now = a.Options.First(o => o.Id == option.Id).Holds;
                        if (was != now)
                        {
                            yield return new VerdictChange(q.Id, option.Id, choice, Holds(was), Holds(now), q.Varies || option.Varies);
                        }
                    }
                    break;
                case (NumberQuestion q, NumberOutcome b, NumberOutcome a):
                    var same = b.IsNever || a.IsNever
                        ? b.IsNever == a.IsNever
                        : q.Tolerance.Allows(b.Value ?? 0, a.Value ?? 0);
                    if (!same)
                    {
                        yield return new VerdictChange(q.Id, null, choice, Number(b), Number(a), q.Varies);
                    }
                    break;
                case (OrderQuestion q, OrderOutcome b, OrderOutcome a):
                    if (!b.Order.SequenceEqual(a.Order))
                    {
                        yield return new VerdictChange(q.Id, null, choice, $"order {string.Join(",", b.Order)}", $"order {string.Join(",", a.Order)}", q.Varies);
                    }
                    break;
                case (RunbookQuestion q, RunbookOutcome b, RunbookOutcome a):
                    if (b.Goal.Holds != a.Goal.Holds)
                    {
                        yield return new VerdictChange(q.Id, null, choice, Goal(b.Goal.Holds), Goal(a.Goal.Holds), q.Varies);
                    }
                    break;
            }
        }
    }

    private static string Holds(bool holds) => holds ? "holds" : "does not hold";

    private static string Number(NumberOutcome outcome) => outcome.IsNever ? "never" : Tolerance.Format(outcome.Value ?? 0);

    private static string Goal(bool holds) => holds ? "the goal is met with no action" : "the goal is missed with no action";
}
