using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Data;
using Practice.Web.Catalog;
using Practice.Web.Infrastructure;
using Practice.Web.Live;
using Practice.Web.Teams;

namespace Practice.Web.Pages.Teams;

/// <summary>The team's dashboard, for its members only.</summary>
[Authorize(Policy = TeamAccess.Member)]
public sealed class TeamModel(TeamService teams, CourseCatalog catalog, LiveSessionService live) : PageModel
{
    /// <summary>How many ended sessions the page lists.</summary>
    public const int EndedShown = 10;

    public IReadOnlyList<TeamLiveSession> Sessions { get; private set; } = [];

    public TeamDashboard Dashboard { get; private set; } = null!;
    public TeamRole Role { get; private set; }
    public IReadOnlyList<ModuleOutline> Modules { get; private set; } = [];
    public IReadOnlyDictionary<string, LessonLink> Teaching { get; private set; } = new Dictionary<string, LessonLink>();

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken cancellationToken)
    {
        Role = TeamAccess.RoleOf(HttpContext);
        if (await teams.DashboardAsync(teamId, cancellationToken) is not { } dashboard)
        {
            return NotFound();
        }
        Dashboard = dashboard;
        Modules = await catalog.CourseAsync(cancellationToken);
        Teaching = await catalog.LessonsTeachingAsync(cancellationToken);
        Sessions = await live.SessionsOfTeamAsync(teamId, EndedShown, cancellationToken);
        return Page();
    }

    /// <summary>A member leaves the team (the owner transfers or deletes it instead).</summary>
    public async Task<IActionResult> OnPostLeaveAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await teams.LeaveAsync(teamId, LearnerIdentity.UserIdOf(HttpContext)!, cancellationToken);
        return Redirect("/teams");
    }

    public string LocalTime(DateTimeOffset at) => LearnerIdentity.LocalTime(HttpContext, at);

    public string ModuleTitle(string id) => Modules.FirstOrDefault(m => m.Id == id)?.Title ?? id;
}
