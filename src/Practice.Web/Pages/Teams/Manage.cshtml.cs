using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Teams;

namespace Practice.Web.Pages.Teams;

/// <summary>The owner's page: roles, removals, ownership, invites, deleting the team.</summary>
[Authorize(Policy = TeamAccess.Owner)]
public sealed class ManageModel(TeamService teams, TimeProvider clock) : PageModel
{
    public TeamView Team { get; private set; } = null!;
    public IReadOnlyList<InviteView> Invites { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A link just made: shown once, since only its hash is kept.</summary>
    public string? NewLink { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public int Created { get; set; }

    public Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken cancellationToken) => ShowAsync(teamId, cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(Guid teamId, int days, int uses, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 30 || uses is < 1 or > 100)
        {
            return await ShowAsync(teamId, cancellationToken, error: "An invite lasts 1 to 30 days and admits 1 to 100 people.");
        }
        var token = await teams.CreateInviteAsync(teamId, days, uses, cancellationToken);
        NewLink = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/teams/join/{token}";
        return await ShowAsync(teamId, cancellationToken, message: "Invite link made. Copy it now: it is not shown again.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid teamId, Guid inviteId, CancellationToken cancellationToken) =>
        await teams.RevokeInviteAsync(teamId, inviteId, cancellationToken)
            ? await ShowAsync(teamId, cancellationToken, message: "The invite link is revoked.")
            : await ShowAsync(teamId, cancellationToken, error: "That invite is not open (revoked already, or not this team's).");

    public async Task<IActionResult> OnPostRoleAsync(Guid teamId, string userId, TeamRole role, CancellationToken cancellationToken) =>
        role != TeamRole.Owner && await teams.SetRoleAsync(teamId, userId, role, cancellationToken)
            ? await ShowAsync(teamId, cancellationToken, message: "The role is changed.")
            : await ShowAsync(teamId, cancellationToken, error: "That role cannot be given to that person.");

    public async Task<IActionResult> OnPostRemoveAsync(Guid teamId, string userId, CancellationToken cancellationToken) =>
        await teams.RemoveAsync(teamId, userId, cancellationToken)
            ? await ShowAsync(teamId, cancellationToken, message: "The member is removed; they lose access at once.")
            : await ShowAsync(teamId, cancellationToken, error: "That person is not a member you can remove.");

    public async Task<IActionResult> OnPostTransferAsync(Guid teamId, string userId, CancellationToken cancellationToken) =>
        await teams.TransferAsync(teamId, LearnerIdentity.UserIdOf(HttpContext)!, userId, cancellationToken)
            ? Redirect($"/teams/{teamId}")
            : await ShowAsync(teamId, cancellationToken, error: "Ownership can only go to a member of this team.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid teamId, string? confirm, CancellationToken cancellationToken)
    {
        var team = await teams.TeamAsync(teamId, cancellationToken);
        if (team is null || !string.Equals(confirm?.Trim(), team.Name, StringComparison.Ordinal))
        {
            return await ShowAsync(teamId, cancellationToken, error: "Type the team's name exactly to delete it.");
        }
        await teams.DeleteAsync(teamId, cancellationToken);
        return Redirect("/teams");
    }

    private async Task<IActionResult> ShowAsync(Guid teamId, CancellationToken cancellationToken, string? message = null, string? error = null)
    {
        if (await teams.TeamAsync(teamId, cancellationToken) is not { } team)
        {
            return NotFound();
        }
        (Team, Message, Error) = (team, message, error);
        Invites = await teams.InvitesAsync(teamId, cancellationToken);
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
