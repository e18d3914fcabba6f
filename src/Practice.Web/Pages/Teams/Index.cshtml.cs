using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Infrastructure;
using Practice.Web.Teams;

namespace Practice.Web.Pages.Teams;

/// <summary>My teams, and a form to start one. A visitor is told teams need an account.</summary>
public sealed class IndexModel(TeamService teams) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    public IReadOnlyList<MyTeam> Mine { get; private set; } = [];
    public string? Error { get; private set; }
    public bool SignedIn => LearnerIdentity.UserIdOf(HttpContext) is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (LearnerIdentity.UserIdOf(HttpContext) is { } userId)
        {
            Mine = await teams.MyTeamsAsync(userId, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (LearnerIdentity.UserIdOf(HttpContext) is not { } userId)
        {
            return Challenge();
        }
        if (TeamService.ValidateTeam(Name, Description) is { } error)
        {
            Error = error;
            Mine = await teams.MyTeamsAsync(userId, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var id = await teams.CreateAsync(userId, Name!, Description ?? "", cancellationToken);
        return Redirect($"/teams/{id}/manage?created=1");
    }
}
