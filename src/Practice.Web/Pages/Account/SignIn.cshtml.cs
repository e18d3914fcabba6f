using Microsoft.AspNetCore.Mvc;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(global::Practice.Web.Infrastructure.RateLimits.SignIn)]
public sealed class SignInModel(AccountService accounts) : AccountPageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool Remember { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.SignInAsync(Email, Password, Remember, HttpContext, cancellationToken);
        return result.Succeeded ? ReturnOr("/practice") : Refused(result);
    }
}
