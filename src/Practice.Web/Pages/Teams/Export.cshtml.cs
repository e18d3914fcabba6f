using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
        Row(csv, ["member", "role", "answers_last_4_weeks", .. team.ModuleIds.SelectMany(m => new[] { $"{m}_right", $"{m}_answers" })]);
        foreach (var member in team.Members)
        {
            Row(csv, [member.DisplayName, member.Role.ToString().ToLowerInvariant(), member.AnswersLast4Weeks.ToString(CultureInfo.InvariantCulture),
                .. team.ModuleIds.SelectMany(id => member.Modules.FirstOrDefault(m => m.Name == id) is { } m
                    ? new[] { m.Right.ToString(CultureInfo.InvariantCulture), m.Answers.ToString(CultureInfo.InvariantCulture) }
                    : ["", ""])]);
        }
        var name = new string([.. team.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"team-{(name.Length == 0 ? "export" : name)}.csv");
    }

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would read as a formula is prefixed with an apostrophe.</summary>
    private static void Row(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(cell =>
        {
            var safe = cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) ? "'" + cell : cell;
            return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
        })).Append("\r\n");
}
