using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>The host's console. Anyone but the team's hosts and owner gets 404, as for the team itself.</summary>
[Authorize]
public sealed class HostModel(LiveSessionService live, PracticeDbContext db) : PageModel
{
    public Guid SessionId { get; private set; }
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await live.CanHostAsync(sessionId, LearnerIdentity.UserIdOf(HttpContext), cancellationToken))
        {
            return NotFound();
        }
        var session = await db.LiveSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Code, s.TeamId, Team = db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).Single() })
            .SingleAsync(cancellationToken);
        (SessionId, TeamId, TeamName, Code) = (sessionId, session.TeamId, session.Team, session.Code);
        return Page();
    }

    public string JoinLink => $"{Request.Scheme}://{Request.Host}/live?code={Code}";
}
