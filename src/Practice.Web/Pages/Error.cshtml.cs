using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Practice.Web.Pages;

/// <summary>The friendly page for 404s, 400s and unhandled errors; never a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The error has been logged. Please try again.";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        if (code is null && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is { } failed
            && Infrastructure.TransientFaults.IsTransient(failed.Error))
        {
            // A database restart: one rate-limited line in the log (no stack trace), and a page that says so.
            Infrastructure.TransientFaults.Log(logger, failed.Error, $"serving {failed.Path}", "answered 503");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            (Title, Message) = ("The database is not answering", "This is usually a restart that takes a few seconds. Nothing you saved is lost: reload the page in a moment.");
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
            return;
        }
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            404 => ("Page not found", "There is nothing at this address. It may have moved, or the link may be mistyped."),
            400 => ("That request could not be understood", "Something in it was missing or malformed (a form left open a long while, or sent from another site). Go back, reload the page and try again."),
            403 => ("Not allowed", "You do not have access to this page."),
            429 => ("Too many tries", $"That was tried too often in a short while. Wait {RetryAfterText()} and try again."),
            _ => ("Something went wrong", "The error has been logged. Please try again."),
        };
        if (status >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }

    /// <summary>How long the rate limiter asked the client to wait (its Retry-After, in seconds), in words.</summary>
    private string RetryAfterText() =>
        int.TryParse(Response.Headers.RetryAfter.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds == 1 ? "a second" : seconds < 90 ? $"{seconds} seconds" : $"about {(seconds + 30) / 60} minutes"
            : "a minute";
}
