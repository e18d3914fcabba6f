using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>
/// Joining a live session by its code: a signed-in team member takes (or takes back) their seat;
/// a visitor joins with a name when the host allows guests. The seat's token goes in an HttpOnly
/// cookie and the browser goes on to the participant's screen.
/// </summary>
public sealed class JoinModel(LiveSessionService live) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Problem { get; private set; }
    public bool SignedIn => LearnerIdentity.UserIdOf(HttpContext) is not null;

    public void OnGet()
    {
        Code = Code?.Trim().ToUpperInvariant();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Code = Code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(Code) || Code.Length != 6)
        {
            Problem = "A session's code has 6 letters and digits: your host shows it.";
        }
        else
        {
            var (seat, problem) = await live.JoinAsync(Code, LearnerIdentity.UserIdOf(HttpContext), Name, cancellationToken);
            if (seat is not null)
            {
                LiveSeatCookie.Give(HttpContext, seat.Token);
                return Redirect("/live/play");
            }
            Problem = problem;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static int NameMaxLength => LiveParticipant.NameMaxLength;
}
