using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

/// <summary>The answer is the same whether or not the address has an account, so the page cannot be used to find accounts.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(global::Practice.Web.Infrastructure.RateLimits.SignIn)]
public sealed class ForgotPasswordModel(AccountService accounts) : AccountPageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Asked { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (AccountService.NormalizeEmail(Email) is null)
        {
            return Refused(AccountResult.Fail("Enter an e-mail address, like name@example.com."));
        }
        await accounts.RequestPasswordResetAsync(Email, new Uri(UriHelper.BuildAbsolute(Request.Scheme, Request.Host, Request.PathBase)));
        Asked = true;
        return Page();
    }
}
