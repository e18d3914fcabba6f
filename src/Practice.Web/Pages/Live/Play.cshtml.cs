using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Live;
using Practice.Web.Pages.Practice;

namespace Practice.Web.Pages.Live;

/// <summary>
/// The participant's screen, for the seat in the cookie. The page works by reloading; with script,
/// live.js asks for the screen again (<c>?handler=Screen</c>) whenever the hub says something
/// changed, and sends answers without leaving the page.
/// </summary>
public sealed class PlayModel(LiveScreens screens, LiveSessionService live, LiveAnnouncer announce) : PageModel
{
    public SeatScreen? Screen { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Screen = await screens.SeatScreenAsync(LiveSeatCookie.Of(HttpContext), cancellationToken);
        if (Screen is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnGetScreenAsync(CancellationToken cancellationToken) =>
        Fragment(await screens.SeatScreenAsync(LiveSeatCookie.Of(HttpContext), cancellationToken));

    /// <summary>An answer to the open question, read as the practice form reads it and graded as practice grades it.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(int index, CancellationToken cancellationToken)
    {
        var token = LiveSeatCookie.Of(HttpContext);
        if (await live.SeatOfAsync(token, cancellationToken) is not var (_, session))
        {
            return Refused(null, LiveHub.NotSeated);
        }
        var screen = await screens.SeatScreenAsync(token, cancellationToken);
        if (screen?.Question is not { } question || screen.View.Question?.Index != index)
        {
            return Refused(screen, "That question is not open any more.");
        }
        var (atVersion, _) = await live.QuestionAsync(session, index, cancellationToken);
        var form = AnswerForm.Read(atVersion.Scenario, Request.Form.Where(f => f.Key.StartsWith($"q.{question.Id}", StringComparison.Ordinal)));
        if (!form.Answers.TryGetValue(question.Id, out var answer))
        {
            return Refused(screen, form.Errors.FirstOrDefault(e => e != "answer at least one question") ?? "Choose an answer first.");
        }
        var result = await live.AnswerAsync(token, index, answer, cancellationToken);
        if (!result.Done)
        {
            return Refused(await screens.SeatScreenAsync(token, cancellationToken), result.Problem!);
        }
        await announce.AnswersAsync(result.SessionId!.Value, index, cancellationToken);
        return IsFragment ? Fragment(await screens.SeatScreenAsync(token, cancellationToken)) : Redirect("/live/play");
    }

    /// <summary>The script asks for the screen alone (no layout).</summary>
    private bool IsFragment => Request.Headers["X-Live-Screen"] == "1";

    private PartialViewResult Fragment(SeatScreen? screen) => Partial("_Seat", screen);

    private IActionResult Refused(SeatScreen? screen, string problem)
    {
        Response.StatusCode = screen is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        Screen = screen is null ? null : screen with { Problem = problem };
        return IsFragment ? Fragment(Screen) : Page();
    }
}
