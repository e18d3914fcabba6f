using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Practice.Data;
using Practice.Web.Accounts;

namespace Practice.Web.Pages.Account;

[Authorize]
public sealed class IndexModel(AccountService accounts) : AccountPageModel
{
    public PracticeUser Profile { get; private set; } = new();
    public bool IsAdmin { get; private set; }
    public string? Saved { get; private set; }

    [BindProperty(SupportsGet = true)] public int Welcome { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return Challenge();
        }
        (DisplayName, TimeZone) = (Profile.DisplayName, Profile.TimeZone);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await accounts.ChangeProfileAsync(User, DisplayName, TimeZone);
        if (!await LoadAsync())
        {
            return Challenge();
        }
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        Saved = "Your profile is saved.";
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await accounts.CurrentAsync(User) is not { } user)
        {
            return false;
        }
        Profile = user;
        IsAdmin = User.IsInRole(Roles.Admin);
        return true;
    }
}
