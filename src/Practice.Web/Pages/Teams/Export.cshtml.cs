using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Infrastructure;
using Practice.Web.Teams;

namespace Practice.Web.Pages.Teams;

/// <summary>The dashboard's member table as CSV, for the owner and hosts.</summary>
[Authorize(Policy = TeamAccess.Host)]
public sealed class ExportModel(TeamService teams) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (await teams.DashboardAsync(teamId, cancellationToken) is not { } team)
        {
            return NotFound();
        }
        var csv = new StringBuilder();
        Csv.Row(csv, ["member", "role", "answers_last_4_weeks", .. team.ModuleIds.SelectMany(m => new[] { $"{m}_right", $"{m}_answers" })]);
        foreach (var member in team.Members)
        {
            Csv.Row(csv, [member.DisplayName, member.Role.ToString().ToLowerInvariant(), member.AnswersLast4Weeks.ToString(CultureInfo.InvariantCulture),
                .. team.ModuleIds.SelectMany(id => member.Modules.FirstOrDefault(m => m.Name == id) is { } m
                    ? new[] { m.Right.ToString(CultureInfo.InvariantCulture), m.Answers.ToString(CultureInfo.InvariantCulture) }
                    : ["", ""])]);
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"team-{Csv.Slug(team.Name, "export")}.csv");
    }
}
