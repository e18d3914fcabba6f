using Practice.Content.Diagnostics;
using Practice.Content.Questions;
using Practice.Content.Scenarios;
using Practice.Simulation;
using Practice.Simulation.Model;

namespace Practice.Content.Grading;

/// <summary>A scenario run once with no learner action, and what every question measured on it.</summary>
public sealed record ScenarioRun(Scenario Scenario, Trace Trace, IReadOnlyList<QuestionOutcome> Outcomes)
{
    public QuestionOutcome Outcome(string questionId) =>
        Outcomes.FirstOrDefault(o => o.QuestionId == questionId)
        ?? throw new ArgumentException($"scenario '{Scenario.Id}' has no question '{questionId}'", nameof(questionId));
}

/// <summary>
/// Grades answers by simulation: <see cref="Run"/> replays the incident once and measures every
/// question; <see cref="Grade"/> grades one answer against that run (a runbook answer re-runs the
/// incident with the learner's actions); <see cref="Check"/> is what <c>content check</c> does
/// with a scenario: run it and report every <c>expect:</c> the simulation contradicts.
/// </summary>
public static class ScenarioGrader
{
    public static ScenarioRun Run(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var trace = Simulator.Run(scenario.Spec, null, cancellationToken);
        return new ScenarioRun(scenario, trace, [.. scenario.Questions.Select(q => q.Evaluate(trace))]);
    }

    /// <summary>Grades <paramref name="answer"/> (scenario-format.md "Answer values") for one question.</summary>
    /// <param name="limits">Guardrails for a runbook's re-run (default <see cref="SimulationLimits.Default"/>).</param>
    /// <exception cref="AnswerException">The answer cannot be read for this question; the message says why.</exception>
    /// <exception cref="SimulationLimitException">A runbook's re-run went past <paramref name="limits"/>.</exception>
    public static QuestionGrade Grade(ScenarioRun run, string questionId, string answer, CancellationToken cancellationToken = default, SimulationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var question = run.Scenario.Question(questionId)
            ?? throw new AnswerException(Suggest.Unknown("question", questionId, run.Scenario.Questions.Select(q => q.Id)));
        return question.Grade(answer ?? "", run.Outcome(questionId), new Replayer(run.Scenario, cancellationToken, run.Trace, limits));
    }

    /// <summary>Runs the scenario and reports what contradicts the author; the run is null when the engine failed.</summary>
    public static ScenarioRun? Check(Scenario scenario, Problems problems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(problems);
        Trace trace;
        try
        {
            trace = Simulator.Run(scenario.Spec, null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Error(scenario.IdAt, $"the simulation failed to run this scenario: {e.Message}");
            return null;
        }
        var outcomes = new List<QuestionOutcome>();
        var replayer = new Replayer(scenario, cancellationToken, trace);
        foreach (var question in scenario.Questions)
        {
            try
            {
                var outcome = question.Evaluate(trace);
                outcomes.Add(outcome);
                question.Check(outcome, replayer, problems);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or AnswerException)
            {
                problems.Error(question.At, $"question '{question.Id}' could not be evaluated: {e.Message}");
            }
        }
        return outcomes.Count == scenario.Questions.Count ? new ScenarioRun(scenario, trace, outcomes) : null;
    }

    /// <summary>Re-runs a scenario with extra timeline entries (a learner's runbook), after the file's own.</summary>
    internal sealed class Replayer(Scenario scenario, CancellationToken cancellationToken, Trace? unchanged = null, SimulationLimits? limits = null)
    {
        public Scenario Scenario { get; } = scenario;

        public Trace Run(IEnumerable<TimelineEntry> extra)
        {
            var entries = extra.ToList();
            if (entries.Count == 0 && unchanged is not null)
            {
                // Same spec, same seed, same trace: no need to simulate it again.
                return unchanged;
            }
            // The engine orders the timeline by time, stably: at the same moment the file's own entries come first.
            var spec = Scenario.Spec with { Timeline = [.. Scenario.Spec.Timeline, .. entries] };
            return Simulator.Run(spec, limits, cancellationToken);
        }
    }
}
