using Microsoft.AspNetCore.Mvc;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

public sealed class ResetPasswordModel(AccountService accounts) : AccountPageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await accounts.ResetPasswordAsync(Email, Token, Password);
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        Done = true;
        return Page();
    }
}
