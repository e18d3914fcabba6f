using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>A session's page for its team: who got what, the right answers, and the scenarios to replay self-paced. 404 outside the team.</summary>
[Authorize]
public sealed class SessionModel(LiveResults results, LiveScreens screens, LiveSessionService live, PracticeDbContext db) : PageModel
{
    public SessionResults Results { get; private set; } = null!;
    public IReadOnlyList<string> Correct { get; private set; } = [];
    public bool CanHost { get; private set; }
    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var userId = LearnerIdentity.UserIdOf(HttpContext);
        if (!await results.IsTeamMemberAsync(sessionId, userId, cancellationToken) || await results.OfAsync(sessionId, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Results = found;
        CanHost = await live.CanHostAsync(sessionId, userId, cancellationToken);
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        Code = session.Code;
        // The right answers of the questions the room has been shown; all of them once it has ended.
        var shown = session.State == LiveState.Ended ? session.Questions.Length
            : session.State == LiveState.Revealed ? session.QuestionIndex + 1 : Math.Max(0, session.QuestionIndex);
        var correct = new List<string>();
        for (var i = 0; i < shown; i++)
        {
            correct.Add(await screens.CorrectAnswerAsync(session, i, cancellationToken));
        }
        Correct = correct;
        return Page();
    }

    public string LocalTime(DateTimeOffset at) => LearnerIdentity.LocalTime(HttpContext, at);
}
