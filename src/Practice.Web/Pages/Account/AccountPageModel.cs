using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

/// <summary>What the account forms share: the errors to show, a 400 when there are some, and a safe way back.</summary>
public abstract class AccountPageModel : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>A page of this site to return to after signing in; anything else is dropped.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected IActionResult Refused(AccountResult result)
    {
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    protected IActionResult ReturnOr(string fallback) =>
        LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/account/sign-out", StringComparison.OrdinalIgnoreCase) ? url : fallback);

    /// <summary>The sign-in and register links of a page, keeping where the learner was going.</summary>
    public string WithReturn(string path) =>
        ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? $"{path}?returnUrl={Uri.EscapeDataString(url)}" : path;
}
