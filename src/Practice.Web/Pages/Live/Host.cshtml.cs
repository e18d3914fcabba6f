using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>
/// The host's console. Anyone but the team's hosts and owner gets 404, as for the team itself.
/// Every control is a form that works by reloading; with script, live.js sends it without leaving
/// the page and draws the console again (<c>?handler=Screen</c>) whenever the hub says something changed.
/// </summary>
[Authorize]
public sealed class HostModel(LiveSessionService live, LiveScreens screens, LiveAnnouncer announce, PracticeDbContext db) : PageModel
{
    public Guid SessionId { get; private set; }
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public string Code { get; private set; } = "";
    public ConsoleScreen Screen { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await LoadAsync(sessionId, null, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetScreenAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await LoadAsync(sessionId, null, cancellationToken) ? Partial("_Console", Screen) : NotFound();

    /// <summary>start, next, pause, resume, close, skip, reveal, end, or limit with seconds.</summary>
    public async Task<IActionResult> OnPostCommandAsync(Guid sessionId, string? command, int? seconds, CancellationToken cancellationToken)
    {
        var (move, problem) = LiveCommands.Parse(command, seconds);
        if (move is null)
        {
            return await AfterAsync(sessionId, LiveResult.No(problem!), cancellationToken);
        }
        var result = await live.CommandAsync(sessionId, UserId, move, cancellationToken);
        if (result.Done)
        {
            await announce.StateAsync(sessionId, cancellationToken);
        }
        else if (command == "limit")
        {
            result = LiveResult.No($"{result.Problem} The time limit is {LiveSession.MinTimeLimitSeconds} to {LiveSession.MaxTimeLimitSeconds} seconds, set between questions.");
        }
        return await AfterAsync(sessionId, result, cancellationToken);
    }

    /// <summary>The room's walk through the revealed question's event log: a moment forward (by 1) or back (by −1).</summary>
    public async Task<IActionResult> OnPostStepAsync(Guid sessionId, int by, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || by is not (1 or -1))
        {
            return NotFound();
        }
        var moments = session.State == LiveState.Revealed ? await screens.MomentCountAsync(session, cancellationToken) : 0;
        var result = await live.CommandAsync(sessionId, UserId, (s, _) => s.StepTo(s.RevealStep + by, moments), cancellationToken);
        if (result.Done)
        {
            await announce.StepAsync(sessionId, cancellationToken);
        }
        return await AfterAsync(sessionId, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken)
    {
        var result = await live.RemoveAsync(sessionId, UserId, participantId, cancellationToken);
        if (result.Done)
        {
            await announce.RemovedAsync(sessionId, participantId, cancellationToken);
        }
        return await AfterAsync(sessionId, result, cancellationToken);
    }

    public string JoinLink => $"{Request.Scheme}://{Request.Host}/live?code={Code}";

    private string? UserId => LearnerIdentity.UserIdOf(HttpContext);

    /// <summary>The console again, with what went wrong if anything: the fragment for the script, a redirect (or the page with the problem) without.</summary>
    private async Task<IActionResult> AfterAsync(Guid sessionId, LiveResult result, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, result.Problem, cancellationToken))
        {
            return NotFound();
        }
        if (!result.Done)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        if (Request.Headers["X-Live-Screen"] == "1")
        {
            return Partial("_Console", Screen);
        }
        return result.Done ? Redirect($"/live/{sessionId}/host") : Page();
    }

    private async Task<bool> LoadAsync(Guid sessionId, string? problem, CancellationToken cancellationToken)
    {
        if (!await live.CanHostAsync(sessionId, UserId, cancellationToken))
        {
            return false;
        }
        var session = await db.LiveSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Code, s.TeamId, Team = db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).Single() })
            .SingleAsync(cancellationToken);
        (SessionId, TeamId, TeamName, Code) = (sessionId, session.TeamId, session.Team, session.Code);
        Screen = await screens.ConsoleScreenAsync(sessionId, cancellationToken) with { Problem = problem };
        return true;
    }
}
