using System.Globalization;
using Practice.Content.Questions;

namespace Practice.Web.Pages.Shared;

/// <summary>
/// What <c>_QuestionFields</c> draws: a question's answer fields, filled with the posted form's
/// values (after a refused submit) or, failing those, with a saved answer (a mock exam's).
/// <paramref name="PromptShown"/>: the page already shows the prompt as its heading (a live
/// seat), so the fields' legend is the label alone rather than the prompt a second time.
/// </summary>
public sealed record QuestionFields(Question Question, string Label, HttpRequest Request, string? Saved = null, bool PromptShown = false)
{
    private IReadOnlyDictionary<string, string[]> SavedFields => field ??= Fields(Question, Saved);

    public bool Chosen(string name, string value) =>
        Request.HasFormContentType ? Request.Form[name].Contains(value) : SavedFields.TryGetValue(name, out var v) && v.Contains(value);

    public string? Value(string name) =>
        Request.HasFormContentType
            ? Request.Form.TryGetValue(name, out var v) ? v.ToString() : null
            : SavedFields.TryGetValue(name, out var saved) ? saved[0] : null;

    /// <summary>A saved answer (the notation of scenario-format.md) as the form fields AnswerForm reads back into it.</summary>
    public static IReadOnlyDictionary<string, string[]> Fields(Question question, string? answer)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(answer))
        {
            return fields;
        }
        var name = $"q.{question.Id}";
        var parts = answer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (question)
        {
            case ChoiceQuestion:
                fields[name] = parts;
                break;
            case NumberQuestion:
                fields[name] = [answer];
                break;
            case OrderQuestion:
                for (var i = 0; i < parts.Length; i++)
                {
                    fields[$"{name}.{parts[i]}"] = [(i + 1).ToString(CultureInfo.InvariantCulture)];
                }
                break;
            case RunbookQuestion:
                for (var i = 0; i < parts.Length; i++)
                {
                    var step = parts[i].Split("@+", 2);
                    fields[$"{name}.step.{i + 1}"] = [step[0]];
                    fields[$"{name}.delay.{i + 1}"] = [step.Length == 2 && step[1].EndsWith('s') ? step[1][..^1] : "0"];
                }
                break;
        }
        return fields;
    }
}
