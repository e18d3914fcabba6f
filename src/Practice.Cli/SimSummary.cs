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

    private static string Clock(long ms) => $"{ms / 60_000}:{ms % 60_000 / 1000:00}{(ms % 1000 > 0 ? $".{ms % 1000:000}" : "")}";
}
