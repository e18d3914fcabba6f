using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Practice.Web.Accounts;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Account;

[Authorize]
public sealed class DeleteModel(AccountDeletion deletion, AccountService accounts) : AccountPageModel
{
    [BindProperty] public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await deletion.DeleteAsync(LearnerIdentity.UserIdOf(HttpContext)!, Password, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        await accounts.SignOutAsync(HttpContext);
        return Redirect("/?deleted=1");
    }
}
