using Microsoft.AspNetCore.Mvc;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(global::Practice.Web.Infrastructure.RateLimits.SignIn)]
public sealed class RegisterModel(AccountService accounts) : AccountPageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }

    /// <summary>The browser's IANA zone, filled in by the page's script; UTC when it is missing or unknown.</summary>
    [BindProperty] public string? TimeZone { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.RegisterAsync(Email, DisplayName, Password, TimeZone, HttpContext, cancellationToken);
        return result.Succeeded ? ReturnOr("/account?welcome=1") : Refused(result);
    }
}
