using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

[Authorize]
public sealed class PasswordModel(AccountService accounts) : AccountPageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? Replacement { get; set; }
    public bool Changed { get; private set; }
    public bool MustChange => User.HasClaim(AccountService.MustChangePasswordClaim, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await accounts.ChangePasswordAsync(User, Current, Replacement);
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        Changed = true;
        return Page();
    }
}
