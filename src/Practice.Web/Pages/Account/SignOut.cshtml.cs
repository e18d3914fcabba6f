using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

/// <summary>Signing out is a POST (a link could not carry the antiforgery token); GET shows the button.</summary>
public sealed class SignOutModel(AccountService accounts) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignOutAsync(HttpContext);
        return LocalRedirect("/");
    }
}
