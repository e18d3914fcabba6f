using System.Globalization;
using Microsoft.Extensions.Primitives;
using Practice.Content.Questions;
using Practice.Content.Scenarios;
using Practice.Web.Incidents;

namespace Practice.Web.Pages.Practice;

/// <summary>
/// Turns a submitted scenario form into answers in the notation of scenario-format.md ("Answer
/// values"), rejecting anything that does not belong to the scenario. A question left empty is
/// not answered (graded wrong, not refused); a form with no answer at all is refused. Field names:
/// <c>q.ID</c> for multi/single/number; <c>q.ID.ITEM</c> = position (1..n) for order;
/// <c>q.ID.step.N</c> = choice id and <c>q.ID.delay.N</c> = seconds after the previous step for runbooks.
/// </summary>
public static class AnswerForm
{
    public const int RunbookSlots = 6;

    /// <param name="Transcripts">The console transcript (JSON) of a runbook question answered in the console.</param>
    public sealed record Result(IReadOnlyDictionary<string, string> Answers, IReadOnlyList<string> Errors)
    {
        public IReadOnlyDictionary<string, string> Transcripts { get; init; } = new Dictionary<string, string>();
    }

    public static Result Read(Scenario scenario, IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var posted = form.ToList();
        var fields = posted.Where(f => f.Key.StartsWith("q.", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var transcripts = new Dictionary<string, string>(StringComparer.Ordinal);
        // A runbook answered in the incident console: its typed lines, run again, give the answer.
        var console = ConsoleSession.QuestionOf(scenario) is { } consoleQuestion
            && ConsoleSession.Lines(posted.FirstOrDefault(f => f.Key == ConsoleSession.LinesField).Value.ToString()).ToList() is { Count: > 0 } lines
            ? ConsoleSession.Replay(scenario, lines)
            : null;
        var errors = new List<string>();
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);

        foreach (var question in scenario.Questions)
        {
            var prefix = $"q.{question.Id}";
            string? answer = question switch
            {
                ChoiceQuestion choice => ReadChoice(choice, Take(fields, used, prefix), errors),
                NumberQuestion number => ReadNumber(number, Take(fields, used, prefix), errors),
                OrderQuestion order => ReadOrder(order, fields, used, prefix, errors),
                RunbookQuestion runbook when console?.Question == runbook && console.Answer is { } typed =>
                    ReadRunbook(runbook, fields, used, prefix, errors) is null ? typed : Refuse(errors, $"question '{runbook.Id}': answer it in the console or with the steps, not both"),
                RunbookQuestion runbook => ReadRunbook(runbook, fields, used, prefix, errors),
                _ => null,
            };
            if (answer is null)
            {
                continue;
            }
            try
            {
                question.Validate(answer, scenario.Spec.DurationMs);
                answers[question.Id] = answer;
                if (console?.Question == question && console.Answer == answer)
                {
                    transcripts[question.Id] = ConsoleSession.TranscriptJson(console.Console);
                }
            }
            catch (AnswerException e)
            {
                errors.Add(e.Message);
            }
        }
        foreach (var unknown in fields.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"'{unknown}' is not a question of this scenario");
        }
        if (errors.Count == 0 && answers.Count == 0)
        {
            errors.Add("answer at least one question");
        }
        return new Result(answers, errors) { Transcripts = transcripts };
    }

    private static StringValues Take(Dictionary<string, StringValues> fields, HashSet<string> used, string name)
    {
        used.Add(name);
        return fields.GetValueOrDefault(name);
    }

    private static string? ReadChoice(ChoiceQuestion question, StringValues values, List<string> errors)
    {
        var ids = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (ids.Any(id => id.Contains(',', StringComparison.Ordinal)))
        {
            errors.Add($"question '{question.Id}': an option id has no comma");
            return null;
        }
        if (question.IsSingle && ids.Count == 0)
        {
            return null; // not answered
        }
        return string.Join(',', ids.Distinct(StringComparer.Ordinal));
    }

    private static string? ReadNumber(NumberQuestion question, StringValues values, List<string> errors)
    {
        if (values.Count > 1)
        {
            errors.Add($"question '{question.Id}' takes one number");
            return null;
        }
        var text = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(text))
        {
            return null; // not answered
        }
        return text;
    }

    private static string? ReadOrder(OrderQuestion question, Dictionary<string, StringValues> fields, HashSet<string> used, string prefix, List<string> errors)
    {
        var positions = new List<(string Id, int Position)>();
        var raws = question.Items.Select(item => Take(fields, used, $"{prefix}.{item.Id}")).ToList();
        if (raws.All(r => r.Count == 0 || string.IsNullOrEmpty(r[0])))
        {
            return null; // not answered
        }
        foreach (var (item, raw) in question.Items.Zip(raws))
        {
            if (raw.Count != 1 || !int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                || position < 1 || position > question.Items.Count)
            {
                errors.Add($"question '{question.Id}': give '{item.Text}' a position from 1 to {question.Items.Count}");
                return null;
            }
            positions.Add((item.Id, position));
        }
        if (positions.Select(p => p.Position).Distinct().Count() != positions.Count)
        {
            errors.Add($"question '{question.Id}': each position from 1 to {question.Items.Count} must be used once");
            return null;
        }
        return string.Join(',', positions.OrderBy(p => p.Position).Select(p => p.Id));
    }

    private static string? Refuse(List<string> errors, string message)
    {
        errors.Add(message);
        return null;
    }

    private static string? ReadRunbook(RunbookQuestion question, Dictionary<string, StringValues> fields, HashSet<string> used, string prefix, List<string> errors)
    {
        var steps = new List<string>();
        var slots = fields.Keys.Where(k => k.StartsWith($"{prefix}.step.", StringComparison.Ordinal) || k.StartsWith($"{prefix}.delay.", StringComparison.Ordinal))
            .Select(k => k[(k.LastIndexOf('.') + 1)..])
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Distinct().Order().ToList();
        if (slots.Any(s => s < 1))
        {
            errors.Add($"question '{question.Id}': malformed runbook step");
            return null;
        }
        // How many actions and how late is the question's own rule (Validate); this only bounds the form.
        if (slots.Count > 4 * RunbookQuestion.MaxActions)
        {
            errors.Add($"question '{question.Id}': at most {RunbookQuestion.MaxActions} actions");
            return null;
        }
        foreach (var slot in slots)
        {
            var choice = Take(fields, used, $"{prefix}.step.{slot}").FirstOrDefault();
            var delay = Take(fields, used, $"{prefix}.delay.{slot}").FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(choice))
            {
                continue; // an empty slot
            }
            if (choice.Contains(',', StringComparison.Ordinal) || choice.Contains('@', StringComparison.Ordinal))
            {
                errors.Add($"question '{question.Id}': step {slot} is not an action of this question");
                return null;
            }
            if (string.IsNullOrEmpty(delay) || delay == "0")
            {
                steps.Add(choice);
            }
            else if (int.TryParse(delay, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                steps.Add($"{choice}@+{seconds}s");
            }
            else
            {
                errors.Add($"question '{question.Id}': the delay of step {slot} must be a whole number of seconds");
                return null;
            }
        }
        // No step chosen is no answer (an untouched runbook form), not "do nothing": offering
        // that is the author's choice, with a `wait` action.
        return steps.Count == 0 ? null : string.Join(',', steps);
    }
}
