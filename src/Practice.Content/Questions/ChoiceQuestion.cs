using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Scenarios;
using Practice.Content.Yaml;
using Practice.Simulation.Probes;

namespace Practice.Content.Questions;

/// <summary>An option of a multi or single question: its verdict comes from its probe.</summary>
public sealed record ChoiceOption(string Id, string Text, Probe Probe, bool? Expect, SourcePosition At, SourcePosition ProbeAt, SourcePosition? ExpectAt)
{
    /// <summary><c>varies: true</c>: whether it holds may differ between variants (see <see cref="Question.Varies"/>).</summary>
    public bool Varies { get; init; }
}

/// <summary><c>multi</c> (pick every option that holds) and <c>single</c> (pick the one that holds).</summary>
public sealed record ChoiceQuestion : Question
{
    internal static readonly string[] Fields = ["options"];
    private static readonly string[] OptionFields = ["id", "text", "probe", "expect", "varies"];

    public required bool IsSingle { get; init; }
    public required IReadOnlyList<ChoiceOption> Options { get; init; }

    public override QuestionKind Kind => IsSingle ? QuestionKind.Single : QuestionKind.Multi;

    internal static ChoiceQuestion? Read(QuestionHeader header, QuestionKind kind, Fields fields, ScenarioReader reader)
    {
        var problems = reader.Problems;
        var before = problems.ErrorCount;
        var list = Yaml.Read.List(fields.Required("options"), problems, "options");
        if (list is not null && list.Items.Count == 0)
        {
            problems.Error(list.At, $"a {Question.KindNames[kind]} question needs at least one option");
        }
        if (kind == QuestionKind.Single && list is { Items.Count: 1 })
        {
            problems.Error(list.At, "a single question needs at least two options to choose from");
        }
        var options = new List<ChoiceOption>();
        foreach (var item in list?.Items ?? [])
        {
            if (Yaml.Read.Map(item, problems, "options") is not { } map)
            {
                continue;
            }
            var f = new Fields(map, problems, OptionFields);
            var id = Yaml.Read.Slug(f.Required("id"), problems, "id");
            var text = Yaml.Read.Text(f.Required("text"), problems, "text");
            var probe = reader.ReadProbe(f.Required("probe"), "probe");
            if (probe is { Kind: ProbeKind.Number })
            {
                problems.Error(f["probe"]!.At, "an option's probe must hold or not, but this one measures a number; compare it (e.g. '... == 6')");
                probe = null;
            }
            var expect = f["expect"] is { } e ? Yaml.Read.Bool(e, problems, "expect") : null;
            var varies = f["varies"] is { } v ? Yaml.Read.Bool(v, problems, "varies") : false;
            if (varies is true && f["expect"] is { } both)
            {
                problems.Error(both.At, VariesAndExpect);
            }
            if (id is not null && options.FirstOrDefault(o => o.Id == id) is { } first)
            {
                problems.Error(f["id"]!.At, $"duplicate option id '{id}' in question '{header.Id}' (first at line {first.At.Line})");
                continue;
            }
            if (id is not null && text is not null && probe is not null && varies is not null)
            {
                options.Add(new ChoiceOption(id, text, probe, expect, map.At, f["probe"]!.At, f["expect"]?.At) { Varies = varies.Value });
            }
        }
        return problems.ErrorCount != before ? null : new ChoiceQuestion
        {
            Id = header.Id,
            Prompt = header.Prompt,
            At = header.At,
            IsSingle = kind == QuestionKind.Single,
            Options = options,
        };
    }

    public override QuestionOutcome Evaluate(IProbeSource run) =>
        new ChoiceOutcome(Id, [.. Options.Select(o =>
        {
            var result = o.Probe.Evaluate(run);
            return new OptionVerdict(o.Id, result.Holds == true, result.Explanation);
        })]);

    internal override void Check(QuestionOutcome outcome, ScenarioGrader.Replayer replay, Problems problems)
    {
        var verdicts = ((ChoiceOutcome)outcome).Options;
        foreach (var option in Options)
        {
            var verdict = verdicts.First(v => v.Id == option.Id);
            if (option.Expect is { } expected && expected != verdict.Holds)
            {
                problems.Error(option.ExpectAt!, $"expected {Word(expected)} but the simulation says {Word(verdict.Holds)}: {verdict.Explanation}");
            }
        }
        if (IsSingle)
        {
            var holding = verdicts.Where(v => v.Holds).ToList();
            if (holding.Count != 1)
            {
                problems.Error(At, holding.Count == 0
                    ? $"single question '{Id}' needs exactly one option that holds, but the simulation says none does"
                    : $"single question '{Id}' needs exactly one option that holds, but the simulation says {holding.Count} do: {string.Join(", ", holding.Select(h => h.Id))}");
            }
        }
    }

    public override void Validate(string answer, long durationMs) => Chosen(answer);

    /// <summary>The option ids of an answer; every one must exist, and a single question takes exactly one.</summary>
    private List<string> Chosen(string answer)
    {
        var chosen = SplitIds(answer);
        foreach (var id in chosen.Where(id => Options.All(o => o.Id != id)))
        {
            throw new AnswerException(Suggest.Unknown("option", id, Options.Select(o => o.Id)) + $" in question '{Id}'");
        }
        if (IsSingle && chosen.Count != 1)
        {
            throw new AnswerException($"question '{Id}' is a single question: give exactly one option id, not {(chosen.Count == 0 ? "none" : string.Join(",", chosen))}");
        }
        return chosen;
    }

    internal override QuestionGrade Grade(string answer, QuestionOutcome outcome, ScenarioGrader.Replayer replay)
    {
        var verdicts = ((ChoiceOutcome)outcome).Options;
        var chosen = Chosen(answer);
        var holding = verdicts.Where(v => v.Holds).Select(v => v.Id).ToList();
        bool correct;
        if (IsSingle)
        {
            correct = holding.Contains(chosen[0]);
        }
        else
        {
            correct = chosen.ToHashSet().SetEquals(holding);
        }
        return new QuestionGrade(Id, Kind, answer, correct, string.Join(",", holding),
            [.. verdicts.Select(v => $"{v.Id}: {(v.Holds ? "holds" : "does not hold")}: {v.Explanation}")]);
    }

    private static string Word(bool value) => value ? "true" : "false";
}
