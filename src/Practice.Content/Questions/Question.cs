using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Scenarios;
using Practice.Content.Yaml;
using Practice.Simulation.Probes;

namespace Practice.Content.Questions;

public enum QuestionKind { Multi, Single, Number, Order, Runbook }

/// <summary>
/// A question of a scenario. Each kind reads and validates its own fields (<c>Read</c>),
/// measures its answer on a run (<see cref="Evaluate"/>), checks the author's <c>expect:</c>
/// against that (<see cref="Check"/>) and grades a learner's answer (<see cref="Grade"/>).
/// </summary>
public abstract record Question
{
    public required string Id { get; init; }
    public required string Prompt { get; init; }

    /// <summary>Where the question starts in its file.</summary>
    public required SourcePosition At { get; init; }

    public abstract QuestionKind Kind { get; }

    /// <summary>
    /// <c>varies: true</c>: the author says the right answer may differ between variants, so
    /// <c>sim --variants</c> does not report it changing.
    /// </summary>
    public bool Varies { get; init; }

    /// <summary>The kind as written in files and JSON: <c>multi</c>, <c>single</c>, ...</summary>
    public string KindName => KindNames[Kind];

    /// <summary>What the question measures on a run with no learner action.</summary>
    public abstract QuestionOutcome Evaluate(IProbeSource run);

    /// <summary>Reports every <c>expect:</c> the simulation contradicts, and answers that cannot be graded.</summary>
    internal abstract void Check(QuestionOutcome outcome, ScenarioGrader.Replayer replay, Problems problems);

    /// <summary>
    /// Reads an answer exactly as <see cref="Grade"/> will, without grading it: the one check a
    /// submitted answer passes before it is stored.
    /// </summary>
    /// <param name="durationMs">The scenario's virtual duration (a runbook action must run before the end).</param>
    /// <exception cref="AnswerException">The answer cannot be read for this question; the message says why.</exception>
    public abstract void Validate(string answer, long durationMs);

    /// <summary>Grades one answer, written as scenario-format.md "Answer values" says.</summary>
    /// <exception cref="AnswerException">The answer cannot be read for this question.</exception>
    internal abstract QuestionGrade Grade(string answer, QuestionOutcome outcome, ScenarioGrader.Replayer replay);

    public static IReadOnlyDictionary<QuestionKind, string> KindNames { get; } = new Dictionary<QuestionKind, string>
    {
        [QuestionKind.Multi] = "multi",
        [QuestionKind.Single] = "single",
        [QuestionKind.Number] = "number",
        [QuestionKind.Order] = "order",
        [QuestionKind.Runbook] = "runbook",
    };

    private static readonly string[] Common = ["id", "kind", "prompt", "varies"];

    /// <summary>Reads one entry of <c>questions:</c>; null when it has errors.</summary>
    internal static Question? Read(YamlMap map, ScenarioReader reader)
    {
        var problems = reader.Problems;
        var kindValue = map.Entries.FirstOrDefault(e => e.Key.Value == "kind")?.Value;
        QuestionKind? kind = null;
        if (kindValue is null)
        {
            problems.Error(map.At, $"missing required field 'kind' (one of: {string.Join(", ", KindNames.Values)})");
        }
        else if (Yaml.Read.Text(kindValue, problems, "kind") is { } kindText)
        {
            kind = KindNames.FirstOrDefault(k => k.Value == kindText) is { Value: not null } found ? found.Key : null;
            if (kind is null)
            {
                problems.Error(kindValue.At, Suggest.Unknown("question kind", kindText, KindNames.Values));
            }
        }
        var own = kind switch
        {
            QuestionKind.Multi or QuestionKind.Single => ChoiceQuestion.Fields,
            QuestionKind.Number => NumberQuestion.Fields,
            QuestionKind.Order => OrderQuestion.Fields,
            QuestionKind.Runbook => RunbookQuestion.Fields,
            _ => [.. ChoiceQuestion.Fields, .. NumberQuestion.Fields, .. OrderQuestion.Fields, .. RunbookQuestion.Fields],
        };
        var fields = new Fields(map, problems, [.. Common, .. own.Distinct()]);
        var id = Yaml.Read.Slug(fields.Required("id"), problems, "id");
        var prompt = Yaml.Read.Text(fields.Required("prompt"), problems, "prompt");
        var varies = fields["varies"] is { } v ? Yaml.Read.Bool(v, problems, "varies") : false;
        if (varies is true && fields["expect"] is { } expect)
        {
            problems.Error(expect.At, VariesAndExpect);
        }
        if (kind is null || id is null || prompt is null || varies is null)
        {
            return null;
        }
        var header = new QuestionHeader(id, prompt, map.At);
        Question? question = kind switch
        {
            QuestionKind.Multi or QuestionKind.Single => ChoiceQuestion.Read(header, kind.Value, fields, reader),
            QuestionKind.Number => NumberQuestion.Read(header, fields, reader),
            QuestionKind.Order => OrderQuestion.Read(header, fields, reader),
            _ => RunbookQuestion.Read(header, fields, reader),
        };
        return question is null ? null : question with { Varies = varies.Value };
    }

    internal const string VariesAndExpect = "'expect' is checked on every variant, so it cannot go with 'varies: true'; keep one of them";

    /// <summary>Ids are listed in answers separated by commas: <c>a,b</c>, spaces allowed.</summary>
    internal static List<string> SplitIds(string answer) =>
        [.. answer.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)];
}

internal sealed record QuestionHeader(string Id, string Prompt, SourcePosition At);

/// <summary>An answer that cannot be read for its question (an unknown option id, not a number, ...).</summary>
public sealed class AnswerException(string message) : Exception(message);
