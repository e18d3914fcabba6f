using Practice.Content.Grading;

namespace Practice.Cli;

/// <summary>The readable output of <c>sim</c> without <c>--json</c>.</summary>
internal static class SimSummary
{
    public static void Write(ScenarioRun run, IReadOnlyDictionary<string, QuestionGrade> grades, TextWriter output)
    {
        var scenario = run.Scenario;
        output.WriteLine($"{scenario.Id}: {scenario.Title}");
        output.WriteLine($"  Kubernetes {scenario.Kubernetes} timings, seed {scenario.Seed}, {Clock(scenario.Spec.DurationMs)} simulated, {run.Trace.Events.Count} events");
        if (scenario.HasVariants)
        {
            output.WriteLine($"  variant seed {scenario.Variant.Seed}{(scenario.Variant.Seed == 0 ? " (as written)" : "")}: {scenario.Variant}");
        }
        foreach (var question in scenario.Questions)
        {
            output.WriteLine();
            output.WriteLine($"{question.Id} ({question.KindName}): {question.Prompt}");
            switch (run.Outcome(question.Id))
            {
                case ChoiceOutcome choice:
                    foreach (var option in choice.Options)
                    {
                        output.WriteLine($"  [{(option.Holds ? "x" : " ")}] {option.Id}: {option.Explanation}");
                    }
                    break;
                case NumberOutcome number:
                    output.WriteLine($"  = {(number.IsNever ? "never" : number.Value?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))}: {number.Explanation}");
                    break;
                case OrderOutcome order:
                    foreach (var item in order.Items)
                    {
                        output.WriteLine($"  {(item.AtMs is { } at ? Clock(at) : "never"),8}  {item.Id}");
                    }
                    break;
                case RunbookOutcome runbook:
                    output.WriteLine($"  with no action the goal {(runbook.Goal.Holds ? "holds" : "fails")}:");
                    foreach (var goal in runbook.Goal.Goals)
                    {
                        output.WriteLine($"  [{(goal.Holds ? "x" : " ")}] {goal.Probe}: {goal.Explanation}");
                    }
                    break;
            }
            if (grades.TryGetValue(question.Id, out var grade))
            {
                output.WriteLine($"  answer '{grade.Answer}': {(grade.Correct ? "CORRECT" : "INCORRECT")}{(grade.CorrectAnswer.Length > 0 ? $" (correct: {grade.CorrectAnswer})" : "")}");
                foreach (var line in grade.Explanations)
                {
                    output.WriteLine($"    {line}");
                }
            }
        }
    }

    /// <summary>The readable output of <c>sim --variants K</c>: what each variable took, and every verdict that changed.</summary>
    public static void WriteVariants(VariantReport report, TextWriter output)
    {
        var scenario = report.AsWritten.Scenario;
        output.WriteLine($"{scenario.Id}: {report.Variants.Count} variants (seeds 1..{report.Variants.Count}) against the scenario as written (seed 0: {scenario.Variant})");
        foreach (var variable in scenario.Variables)
        {
            var drawn = report.Variants.Select(r => r.Scenario.Variant[variable.Name]!).Distinct().Count();
            output.WriteLine($"  {variable.Name}: {variable.Declared} ({drawn} of {variable.Values.Count} values drawn)");
        }
        if (report.Changes.Count == 0)
        {
            output.WriteLine("  every right answer is the same in every variant");
            return;
        }
        foreach (var group in report.Changes.GroupBy(c => c.What))
        {
            var declared = group.First().Declared;
            output.WriteLine($"  {group.Key} changes in {group.Count()} of {report.Variants.Count}{(declared ? " (declared: varies)" : " (NOT declared: add 'varies: true' if intended)")}:");
            foreach (var change in group)
            {
                output.WriteLine($"    seed {change.Variant.Seed} ({change.Variant}): {change.InVariant} (as written: {change.AsWritten})");
            }
        }
    }

    private static string Clock(long ms) => $"{ms / 60_000}:{ms % 60_000 / 1000:00}{(ms % 1000 > 0 ? $".{ms % 1000:000}" : "")}";
}
