using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

/// <summary>What the account forms share: the errors to show, a 400 when there are some, and a safe way back.</summary>
public abstract class AccountPageModel : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The page that needed an account (set by the sign-in challenge); the learner returns there.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The page the learner left by the header's sign-in or register link; they return there too.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Where to go once signed in: a page of this site, or nothing (anything else is dropped).</summary>
    public string? Destination => (ReturnUrl ?? From) is { Length: > 0 } url && Url.IsLocalUrl(url)
        && !url.StartsWith("/account/sign-out", StringComparison.OrdinalIgnoreCase) ? url : null;

    protected IActionResult Refused(AccountResult result)
    {
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    protected IActionResult ReturnOr(string fallback) => LocalRedirect(Destination ?? fallback);

    /// <summary>The sign-in and register links of a page, keeping where the learner was going.</summary>
    public string WithReturn(string path) =>
        Destination is { } url ? $"{path}?{(ReturnUrl is null ? "from" : "returnUrl")}={Uri.EscapeDataString(url)}" : path;
}
