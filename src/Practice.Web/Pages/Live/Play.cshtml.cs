using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>The participant's screen. The seat is the one in the cookie; the script takes it over the hub.</summary>
public sealed class PlayModel(LiveSessionService live) : PageModel
{
    public bool Seated { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Seated = await live.SeatOfAsync(LiveSeatCookie.Of(HttpContext), cancellationToken) is not null;
        if (!Seated)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
