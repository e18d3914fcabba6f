using Practice.Content.Questions;

namespace Practice.Web.Pages.Shared;

/// <summary>What <c>_QuestionFields</c> draws: a question's answer fields, with the posted form's values kept (after a refused submit).</summary>
public sealed record QuestionFields(Question Question, string Label, HttpRequest Request)
{
    public bool Chosen(string name, string value) =>
        Request.HasFormContentType && Request.Form[name].Contains(value);

    public string? Value(string name) =>
        Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;
}
