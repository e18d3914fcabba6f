using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Content.Questions;
using Practice.Data;
using Practice.Web.Exams;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;
using Practice.Web.Pages.Practice;

namespace Practice.Web.Pages.Exams;

/// <summary>
/// A sitting, one question at a time: the server's time left, every question's state (answered,
/// flagged), the answer saved with each move (previous, next, flag, another question), and submit.
/// Someone else's sitting is a 404. Past its deadline it ends, and the result page takes over.
/// </summary>
public sealed class SittingModel(ExamService exams) : PageModel
{
    public ExamSitting Sitting { get; private set; } = null!;
    public int Index { get; private set; }
    public Question Question { get; private set; } = null!;
    public string ScenarioTitle { get; private set; } = "";
    public IReadOnlyDictionary<int, string> Answers { get; private set; } = new Dictionary<int, string>();
    public long RemainingMs { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid sittingId, int? q, CancellationToken cancellationToken) =>
        await LoadAsync(sittingId, q ?? 0, cancellationToken) ?? Page();

    /// <summary>Saves the answer on screen (if any), then goes where the button says: prev, next, flag, or a question's number.</summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid sittingId, int q, string? go, CancellationToken cancellationToken)
    {
        if (await LoadAsync(sittingId, q, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }
        var learner = Sitting.LearnerId;
        var (scenario, _) = await exams.QuestionAsync(Sitting, Index, cancellationToken);
        var form = AnswerForm.Read(scenario.Scenario, Request.Form.Where(f => f.Key.StartsWith($"q.{Question.Id}", StringComparison.Ordinal)));
        // A multi with nothing ticked reads as "none of these hold". Moving on from a multi never
        // touched is not that answer; unticking a saved one is.
        if (form.Answers.TryGetValue(Question.Id, out var answer) && (answer.Length > 0 || Question is not ChoiceQuestion || Answers.ContainsKey(Index)))
        {
            var saved = await exams.AnswerAsync(sittingId, learner, Index, answer, cancellationToken);
            if (!saved.Done)
            {
                return Refused(saved.Problem!);
            }
        }
        else if (form.Errors.FirstOrDefault(e => e != "answer at least one question") is { } error)
        {
            return Refused(error);
        }
        var target = go switch
        {
            "prev" => Index - 1,
            "next" => Index + 1,
            _ when int.TryParse(go, out var n) => n,
            _ => Index,
        };
        if (go == "flag")
        {
            await exams.FlagAsync(sittingId, learner, Index, cancellationToken);
        }
        return Redirect($"/exams/sittings/{sittingId}?q={Math.Clamp(target, 0, Sitting.Questions.Length - 1)}");
    }

    /// <summary>Saves the answer on screen, then ends the sitting and shows the score.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(Guid sittingId, int q, CancellationToken cancellationToken)
    {
        var saved = await OnPostSaveAsync(sittingId, q, null, cancellationToken);
        if (saved is not RedirectResult)
        {
            return saved;
        }
        await exams.EndAsync(sittingId, "submitted", cancellationToken);
        return Redirect($"/exams/sittings/{sittingId}/result");
    }

    public string StateOf(int index) =>
        (Answers.ContainsKey(index), Sitting.Flagged.Contains(index)) switch
        {
            (true, true) => "answered, flagged",
            (true, false) => "answered",
            (false, true) => "not answered, flagged",
            _ => "not answered",
        };

    private IActionResult Refused(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The sitting and question <paramref name="index"/>, or where to go instead (404, or the result once it has ended).</summary>
    private async Task<IActionResult?> LoadAsync(Guid sittingId, int index, CancellationToken cancellationToken)
    {
        if (LearnerIdentity.Existing(HttpContext) is not { } learner || await exams.SittingAsync(sittingId, learner, cancellationToken) is not { } sitting)
        {
            return NotFound();
        }
        if (!sitting.IsOpen(exams.Now))
        {
            if (sitting.EndedAt is null)
            {
                // Past the deadline before its job ran: end it now, with the answers given.
                await exams.EndAsync(sittingId, "deadline", cancellationToken);
            }
            return Redirect($"/exams/sittings/{sittingId}/result");
        }
        Sitting = sitting;
        Index = Math.Clamp(index, 0, sitting.Questions.Length - 1);
        var (scenario, question) = await exams.QuestionAsync(sitting, Index, cancellationToken);
        (Question, ScenarioTitle) = (question, scenario.Scenario.Title);
        Answers = await exams.AnswersAsync(sittingId, cancellationToken);
        RemainingMs = (long)Math.Max(0, (sitting.Deadline - exams.Now).TotalMilliseconds);
        return null;
    }
}
