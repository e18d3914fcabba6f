using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Infrastructure;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>
/// A session's results as CSV, for the team's hosts: one row per participant and question, with
/// the answer (as given and in words), right or not, the points and when. A question a seat did
/// not answer has a row with an empty answer, so every participant has every question.
/// </summary>
[Authorize]
public sealed class ResultsModel(LiveSessionService live, LiveResults results) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await live.CanHostAsync(sessionId, LearnerIdentity.UserIdOf(HttpContext), cancellationToken)
            || await results.OfAsync(sessionId, cancellationToken) is not { } session)
        {
            return NotFound();
        }
        var csv = new StringBuilder();
        Csv.Row(csv, ["participant", "guest", "removed", "total_points", "question", "scenario", "question_id", "kind", "skipped",
            "answer", "answer_in_words", "right", "points", "answered_at_utc"]);
        foreach (var seat in session.Seats)
        {
            foreach (var question in session.Questions)
            {
                var answer = seat.Answers[question.Index];
                Csv.Row(csv, [seat.DisplayName, YesNo(seat.Guest), YesNo(seat.Removed), Number(seat.Score),
                    Number(question.Index + 1), question.ScenarioId, question.Question.Id, question.Question.KindName, YesNo(question.Skipped),
                    answer?.Answer ?? "", answer is null ? "" : LiveWords.Of(question.Question, answer.Answer),
                    answer is null ? "" : YesNo(answer.Correct), answer is null ? "" : Number(answer.Points),
                    answer?.AnsweredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? ""]);
            }
        }
        var day = (session.EndedAt ?? session.CreatedAt).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"live-{Csv.Slug(session.TeamName, "team")}-{day}.csv");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
