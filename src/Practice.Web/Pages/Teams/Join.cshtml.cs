using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Infrastructure;
using Practice.Web.Teams;

namespace Practice.Web.Pages.Teams;

/// <summary>An invite link. Signed out, it leads through sign-in (or registering) and back here.</summary>
[Authorize]
public sealed class JoinModel(TeamService teams) : PageModel
{
    public InviteCheck Invite { get; private set; } = new(null, null, null);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Invite = await teams.CheckInviteAsync(token, cancellationToken);
        return Shown();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Invite = await teams.JoinAsync(token, LearnerIdentity.UserIdOf(HttpContext)!, cancellationToken);
        return Invite is { Problem: null, TeamId: { } teamId } ? Redirect($"/teams/{teamId}") : Shown();
    }

    private IActionResult Shown()
    {
        if (Invite.Problem is not null)
        {
            // Unknown: 404. Known but expired, revoked or used up: 410 Gone.
            Response.StatusCode = Invite.TeamId is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }
        return Page();
    }
}
