using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Content.Questions;
using Practice.Data;
using Practice.Web.Exams;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Exams;

/// <summary>An ended sitting: the score overall and per domain against the pass mark, and every question to review (its simulation on the attempt's page), with the wrong ones to retry.</summary>
public sealed class ResultModel(ExamService exams) : PageModel
{
    public sealed record Row(int Index, Question Question, string ScenarioId, string ScenarioTitle, bool Right, bool Answered, Guid? AttemptId);

    public ExamSitting Sitting { get; private set; } = null!;
    public ExamScore Score { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Scenarios with a wrong answer: retry just those questions (the practice page's retry).</summary>
    public IReadOnlyList<(string ScenarioId, string Title, Guid AttemptId)> Retries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid sittingId, CancellationToken cancellationToken)
    {
        if (LearnerIdentity.Existing(HttpContext) is not { } learner || await exams.SittingAsync(sittingId, learner, cancellationToken) is not { } sitting)
        {
            return NotFound();
        }
        if (sitting.EndedAt is null)
        {
            return Redirect($"/exams/sittings/{sittingId}");
        }
        Sitting = sitting;
        Score = await exams.ScoreAsync(sitting, cancellationToken);
        var attempts = await exams.AttemptsAsync(sittingId, cancellationToken);
        var answers = await exams.AnswersAsync(sittingId, cancellationToken);
        var rows = new List<Row>();
        for (var i = 0; i < sitting.Questions.Length; i++)
        {
            var (scenario, question) = await exams.QuestionAsync(sitting, i, cancellationToken);
            var attempt = attempts.FirstOrDefault(a => a.ScenarioVersionId == scenario.VersionId);
            var right = attempt?.Answers.FirstOrDefault(a => a.QuestionId == question.Id)?.Correct == true;
            rows.Add(new Row(i, question, scenario.Scenario.Id, scenario.Scenario.Title, right, answers.ContainsKey(i), attempt?.Id));
        }
        Rows = rows;
        Retries = [.. rows.Where(r => !r.Right && r.AttemptId is not null).DistinctBy(r => r.ScenarioId).Select(r => (r.ScenarioId, r.ScenarioTitle, r.AttemptId!.Value))];
        return Page();
    }
}
