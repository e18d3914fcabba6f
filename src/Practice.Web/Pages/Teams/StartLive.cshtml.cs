using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Data;
using Practice.Web.Catalog;
using Practice.Web.Infrastructure;
using Practice.Web.Live;
using Practice.Web.Teams;

namespace Practice.Web.Pages.Teams;

/// <summary>A host or the owner opens a live session's lobby: scenarios, seconds per question, guests or not.</summary>
[Authorize(Policy = TeamAccess.Host)]
public sealed class StartLiveModel(TeamService teams, CourseCatalog catalog, LiveSessionService live) : PageModel
{
    public string TeamName { get; private set; } = "";
    public IReadOnlyList<ScenarioListing> Scenarios { get; private set; } = [];
    public IReadOnlyList<ModuleOutline> Modules { get; private set; } = [];

    [BindProperty] public List<string> LiveScenarios { get; set; } = [];
    [BindProperty] public int TimeLimit { get; set; } = LiveSession.DefaultTimeLimitSeconds;
    [BindProperty] public bool AllowGuests { get; set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken cancellationToken) =>
        await LoadAsync(teamId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, cancellationToken))
        {
            return NotFound();
        }
        var chosen = LiveScenarios.Distinct(StringComparer.Ordinal).ToList();
        Problem = chosen.Count == 0 ? "Choose at least one scenario for the session."
            : chosen.FirstOrDefault(id => Scenarios.All(s => s.Id != id)) is { } unknown ? $"'{unknown}' is not a scenario of the course."
            : TimeLimit is < LiveSession.MinTimeLimitSeconds or > LiveSession.MaxTimeLimitSeconds
                ? $"Give each question from {LiveSession.MinTimeLimitSeconds} to {LiveSession.MaxTimeLimitSeconds} seconds."
            : null;
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The order the course lists them (easiest first), whatever order the form sent.
        var ordered = Scenarios.Select(s => s.Id).Where(chosen.Contains).ToList();
        var session = await live.CreateAsync(teamId, LearnerIdentity.UserIdOf(HttpContext)!, ordered, AllowGuests, cancellationToken, TimeLimit);
        return Redirect($"/live/{session.Id}/host");
    }

    public string ModuleTitle(string id) => Modules.FirstOrDefault(m => m.Id == id)?.Title ?? id;

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (await teams.TeamAsync(teamId, cancellationToken) is not { } team)
        {
            return false;
        }
        TeamName = team.Name;
        Scenarios = await catalog.ScenariosAsync(null, cancellationToken);
        Modules = await catalog.CourseAsync(cancellationToken);
        return true;
    }
}
