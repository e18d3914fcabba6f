using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Scenarios;
using Practice.Content.Yaml;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Content.Questions;

/// <summary>An action a runbook question offers: the same fields as a timeline action, plus an id and an optional label.</summary>
public sealed record RunbookChoice(string Id, string Text, ClusterAction Action, SourcePosition At);

/// <summary>A goal probe of a runbook question: all must hold on the re-run for a pass.</summary>
public sealed record RunbookGoal(Probe Probe, SourcePosition At);

/// <summary>
/// <c>runbook</c>: the learner picks actions, in order; the incident is re-run with them and
/// every goal must hold. The first action runs at <see cref="AtMs"/> plus its delay, each
/// next one at the previous one's time plus its delay (<c>drain@+30s</c>; no delay: the same
/// moment, after the previous one).
/// </summary>
public sealed record RunbookQuestion : Question
{
    internal static readonly string[] Fields = ["at", "choices", "goal", "expect", "solution"];
    public const int MaxActions = 20;

    public required long AtMs { get; init; }
    public required IReadOnlyList<RunbookChoice> Choices { get; init; }
    public required IReadOnlyList<RunbookGoal> Goal { get; init; }

    /// <summary>The author's expected goal verdict with no action taken.</summary>
    public bool? Expect { get; init; }
    public SourcePosition? ExpectAt { get; init; }

    /// <summary>An answer the author says passes (checked by <c>content check</c>), shown as the model answer.</summary>
    public string? Solution { get; init; }
    public SourcePosition? SolutionAt { get; init; }

    public override QuestionKind Kind => QuestionKind.Runbook;

    internal static RunbookQuestion? Read(QuestionHeader header, Fields fields, ScenarioReader reader)
    {
        var problems = reader.Problems;
        var before = problems.ErrorCount;
        var at = Yaml.Read.Duration(fields.Required("at"), problems, "at");
        if (at is not null && !reader.CheckWithinDuration(at.Value, fields["at"]!, "the first action"))
        {
            at = null;
        }
        var list = Yaml.Read.List(fields.Required("choices"), problems, "choices");
        if (list is not null && list.Items.Count == 0)
        {
            problems.Error(list.At, "a runbook question needs at least one choice");
        }
        var choices = new List<RunbookChoice>();
        foreach (var item in list?.Items ?? [])
        {
            if (Yaml.Read.Map(item, problems, "choices") is not { } map)
            {
                continue;
            }
            var action = reader.ReadAction(map, ["id", "text"], atMs: null);
            var idValue = map.Entries.FirstOrDefault(e => e.Key.Value == "id")?.Value;
            if (idValue is null)
            {
                problems.Error(map.At, "missing required field 'id'");
                continue;
            }
            var id = Yaml.Read.Slug(idValue, problems, "id");
            var textValue = map.Entries.FirstOrDefault(e => e.Key.Value == "text")?.Value;
            var text = textValue is null ? null : Yaml.Read.Text(textValue, problems, "text");
            if (id is not null && choices.FirstOrDefault(c => c.Id == id) is { } first)
            {
                problems.Error(idValue.At, $"duplicate choice id '{id}' in question '{header.Id}' (first at line {first.At.Line})");
                continue;
            }
            if (id is not null && action is not null)
            {
                choices.Add(new RunbookChoice(id, text ?? Describe(action), action, map.At));
            }
        }
        var goals = new List<RunbookGoal>();
        var goalValue = fields.Required("goal");
        var goalList = goalValue is YamlText { IsNull: false } single ? new YamlList([single], single.At) : Yaml.Read.List(goalValue, problems, "goal");
        if (goalList is not null && goalList.Items.Count == 0)
        {
            problems.Error(goalList.At, "a runbook question needs at least one goal probe");
        }
        foreach (var item in goalList?.Items ?? [])
        {
            var probe = reader.ReadProbe(item, "goal");
            if (probe is { Kind: ProbeKind.Number })
            {
                problems.Error(item.At, "a goal must hold or not, but this probe measures a number; compare it (e.g. '... >= 0.99')");
            }
            else if (probe is not null)
            {
                goals.Add(new RunbookGoal(probe, item.At));
            }
        }
        // expect: true|false is the goal verdict with no action taken; expect: [drain, ...] is a
        // runbook the author expects to pass, the same as solution: "drain,...".
        bool? expect = null;
        string? solution = null;
        var solutionValue = fields["solution"];
        if (fields["expect"] is YamlList expectedRunbook)
        {
            solution = OrderQuestion.ReadIdList(expectedRunbook, problems) is { } ids ? string.Join(",", ids) : null;
            solutionValue = expectedRunbook;
            if (fields.KeyAt("solution") is { } both)
            {
                problems.Error(both, "give the passing runbook once: as 'expect: [ids]' or as 'solution', not both");
            }
        }
        else if (fields["expect"] is { } e)
        {
            expect = Yaml.Read.Bool(e, problems, "expect");
        }
        if (fields["solution"] is { } s && solution is null && Yaml.Read.Text(s, problems, "solution") is { } solutionText)
        {
            solution = solutionText;
        }
        if (problems.ErrorCount != before || at is null)
        {
            return null;
        }
        var question = new RunbookQuestion
        {
            Id = header.Id,
            Prompt = header.Prompt,
            At = header.At,
            AtMs = at.Value,
            Choices = choices,
            Goal = goals,
            Expect = expect,
            ExpectAt = expect is null ? null : fields["expect"]?.At,
            Solution = solution,
            SolutionAt = solutionValue?.At,
        };
        if (solution is not null)
        {
            try
            {
                question.Schedule(solution, reader.Names.DurationMs);
            }
            catch (AnswerException ex)
            {
                problems.Error(solutionValue!.At, ex.Message);
                return null;
            }
        }
        return question;
    }

    /// <summary>Reads <c>drain@+30s,cordon</c> into timed actions (at most <see cref="MaxActions"/>).</summary>
    /// <exception cref="AnswerException">Unknown choice, bad delay, too many actions, or an action after the end.</exception>
    public IReadOnlyList<(RunbookChoice Choice, long AtMs)> Schedule(string answer, long durationMs)
    {
        var steps = SplitIds(answer);
        if (steps.Count > MaxActions)
        {
            throw new AnswerException($"question '{Id}': at most {MaxActions} actions, not {steps.Count}");
        }
        var scheduled = new List<(RunbookChoice, long)>();
        var time = AtMs;
        foreach (var step in steps)
        {
            var parts = step.Split('@', 2);
            var id = parts[0].Trim();
            var choice = Choices.FirstOrDefault(c => c.Id == id)
                ?? throw new AnswerException(Suggest.Unknown("choice", id, Choices.Select(c => c.Id)) + $" in question '{Id}'");
            if (parts.Length == 2)
            {
                var delay = parts[1].Trim();
                if (!delay.StartsWith('+') || !Yaml.Read.TryDuration(delay[1..], out var delayMs))
                {
                    throw new AnswerException($"question '{Id}': a delay is written '{id}@+30s', not '{step}'");
                }
                time += delayMs;
            }
            if (time > durationMs)
            {
                throw new AnswerException($"question '{Id}': '{id}' would run at {Yaml.Read.Time(time)}, after the end of the scenario ({Yaml.Read.Time(durationMs)})");
            }
            scheduled.Add((choice, time));
        }
        return scheduled;
    }

    public GoalVerdict Judge(IProbeSource run)
    {
        var checks = Goal.Select(g =>
        {
            var result = g.Probe.Evaluate(run);
            return new GoalCheck(g.Probe.Text, result.Holds == true, result.Explanation);
        }).ToList();
        return new GoalVerdict(checks.All(c => c.Holds), checks);
    }

    public override QuestionOutcome Evaluate(IProbeSource run) => new RunbookOutcome(Id, Judge(run));

    internal override void Check(QuestionOutcome outcome, ScenarioGrader.Replayer replay, Problems problems)
    {
        var verdict = ((RunbookOutcome)outcome).Goal;
        if (Expect is { } expected && expected != verdict.Holds)
        {
            var failing = verdict.Goals.Where(g => g.Holds != expected).Select(g => g.Explanation);
            problems.Error(ExpectAt!, $"expected the goal to {(expected ? "hold" : "fail")} with no action taken, but the simulation says it {(verdict.Holds ? "holds" : "fails")}: {string.Join("; ", failing)}");
        }
        if (Solution is { } solution)
        {
            var replayed = Replay(solution, replay);
            if (!replayed.Goal.Holds)
            {
                problems.Error(SolutionAt!, $"the solution '{solution}' does not pass on the re-run: {string.Join("; ", replayed.Goal.Goals.Where(g => !g.Holds).Select(g => g.Explanation))}");
            }
        }
    }

    public override void Validate(string answer, long durationMs) => Schedule(answer, durationMs);

    internal override QuestionGrade Grade(string answer, QuestionOutcome outcome, ScenarioGrader.Replayer replay)
    {
        var replayed = Replay(answer, replay);
        return new QuestionGrade(Id, Kind, answer, replayed.Goal.Holds, Solution ?? "",
            [.. replayed.Goal.Goals.Select(g => $"{(g.Holds ? "met" : "not met")}: {g.Probe}: {g.Explanation}")])
        {
            Replay = replayed,
        };
    }

    private RunbookReplay Replay(string answer, ScenarioGrader.Replayer replay)
    {
        var scheduled = Schedule(answer, replay.Scenario.Spec.DurationMs);
        var trace = replay.Run(scheduled.Select(s => (TimelineEntry)new ActionEntry(s.AtMs, s.Choice.Action)));
        return new RunbookReplay([.. scheduled.Select(s => new ScheduledAction(s.Choice.Id, s.AtMs))], trace, Judge(trace));
    }

    /// <summary>A label for a choice the author gave no <c>text</c>: the action as a kubectl-minded engineer would say it.</summary>
    internal static string Describe(ClusterAction action) => action switch
    {
        RestartAction r => r.Node is null ? $"Restart {Components.NameOf(r.Component)}" : $"Restart {Components.NameOf(r.Component)} on {r.Node}",
        CordonAction c => $"Cordon {c.Node}",
        UncordonAction u => $"Uncordon {u.Node}",
        DrainAction d => $"Drain {d.Node}",
        DeletePodAction p => p.Node is null ? $"Delete a {p.Workload} pod" : $"Delete the {p.Workload} pod on {p.Node}",
        ScaleAction s => $"Scale {s.Workload} to {s.Replicas}",
        RestoreEtcdAction => "Restore etcd from the latest snapshot",
        AddNodeAction a => a.Name is null ? "Add a node" : $"Add node {a.Name}",
        ReplaceNodeAction r => $"Replace {r.Node}",
        WaitAction w => $"Wait {Yaml.Read.Time(w.ForMs)}",
        _ => action.GetType().Name,
    };
}
