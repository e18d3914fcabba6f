using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Practice.Data;
using Practice.Web.Infrastructure;

namespace Practice.Web.Accounts;

/// <summary>What an account action did: nothing went wrong, or the messages to show on the form.</summary>
public sealed record AccountResult(IReadOnlyList<string> Errors)
{
    public static readonly AccountResult Ok = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Fail(params string[] errors) => new(errors);

    public static AccountResult From(IdentityResult result) =>
        result.Succeeded ? Ok : new([.. result.Errors.Select(e => e.Description)]);
}

/// <summary>
/// Register, sign in and out, change the password or the profile, and password-reset links.
/// Registering or signing in moves the browser's anonymous attempts to the account
/// (<see cref="AttemptMerge"/>).
/// </summary>
public sealed class AccountService(
    UserManager<PracticeUser> users,
    SignInManager<PracticeUser> signIn,
    AttemptMerge merge,
    TimeProvider clock,
    IOptions<AccountOptions> options,
    ILogger<AccountService> logger)
{
    public const string MustChangePasswordClaim = "practice:must-change-password";
    public const string DisplayNameClaim = "practice:display-name";
    public const string LearnerClaim = "practice:learner";
    public const string TimeZoneClaim = "practice:time-zone";

    public int LockoutMinutes => options.Value.LockoutMinutes;

    public async Task<AccountResult> RegisterAsync(string? email, string? displayName, string? password, string? timeZone, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var address = NormalizeEmail(email);
        if (address is null)
        {
            errors.Add("Enter an e-mail address, like name@example.com.");
        }
        if (ValidateDisplayName(displayName) is { } nameError)
        {
            errors.Add(nameError);
        }
        if (string.IsNullOrEmpty(password))
        {
            errors.Add($"Choose a password of at least {options.Value.MinimumPasswordLength} characters.");
        }
        if (errors.Count > 0)
        {
            return new AccountResult(errors);
        }
        var user = new PracticeUser
        {
            UserName = address!, Email = address, DisplayName = displayName!.Trim(), TimeZone = TimeZones.OrUtc(timeZone),
            LearnerId = Guid.NewGuid(), CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            return AccountResult.From(created);
        }
        await users.AddToRoleAsync(user, Roles.Learner);
        logger.LogInformation("Account {UserId} registered", user.Id);
        await SignInAndMergeAsync(user, persistent: false, context, cancellationToken);
        return AccountResult.Ok;
    }

    /// <summary>Checks the password (a wrong one counts towards the lockout), signs in, and merges the browser's attempts.</summary>
    public async Task<AccountResult> SignInAsync(string? email, string? password, bool remember, HttpContext context, CancellationToken cancellationToken)
    {
        if (NormalizeEmail(email) is not { } address || string.IsNullOrEmpty(password))
        {
            return AccountResult.Fail("Enter your e-mail address and your password.");
        }
        var user = await users.FindByEmailAsync(address);
        if (user is null)
        {
            return AccountResult.Fail("That e-mail address and password do not match an account.");
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return AccountResult.Fail($"Too many wrong passwords: this account is locked for {options.Value.LockoutMinutes} minutes. You can ask for a password-reset link meanwhile.");
        }
        if (!result.Succeeded)
        {
            return AccountResult.Fail("That e-mail address and password do not match an account.");
        }
        await SignInAndMergeAsync(user, remember, context, cancellationToken);
        return AccountResult.Ok;
    }

    /// <summary>Signs out; the browser gets a new anonymous id, so the next person here starts afresh.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        await signIn.SignOutAsync();
        LearnerIdentity.Forget(context);
    }

    public async Task<AccountResult> ChangePasswordAsync(ClaimsPrincipal principal, string? current, string? replacement)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return AccountResult.Fail("You are not signed in.");
        }
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(replacement))
        {
            return AccountResult.Fail("Enter your current password and a new one.");
        }
        if (current == replacement)
        {
            return AccountResult.Fail("Choose a new password that differs from the current one.");
        }
        var changed = await users.ChangePasswordAsync(user, current, replacement);
        if (!changed.Succeeded)
        {
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? AccountResult.Fail("Your current password is not right.")
                : AccountResult.From(changed);
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // A fresh cookie: the new security stamp, and no "must change" claim.
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} changed its password", user.Id);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> ChangeProfileAsync(ClaimsPrincipal principal, string? displayName, string? timeZone)
    {
        var errors = new List<string>();
        if (ValidateDisplayName(displayName) is { } nameError)
        {
            errors.Add(nameError);
        }
        if (!TimeZones.IsKnown(timeZone))
        {
            errors.Add("Choose a time zone from the list.");
        }
        if (errors.Count > 0)
        {
            return new AccountResult(errors);
        }
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return AccountResult.Fail("You are not signed in.");
        }
        (user.DisplayName, user.TimeZone) = (displayName!.Trim(), timeZone!);
        var updated = await users.UpdateAsync(user);
        if (updated.Succeeded)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return AccountResult.From(updated);
    }

    public Task<PracticeUser?> CurrentAsync(ClaimsPrincipal principal) => users.GetUserAsync(principal);

    /// <summary>
    /// No mail server is assumed: when the address has an account, its reset link goes to the log
    /// for the operator to pass on. The page says the same whether or not there is an account.
    /// </summary>
    public async Task RequestPasswordResetAsync(string? email, Uri requestBase)
    {
        if (NormalizeEmail(email) is { } address && await ResetLinkAsync(address, requestBase) is { } link)
        {
            logger.LogWarning("Password reset asked for {Email}: {ResetLink}", address, link);
        }
    }

    /// <summary>A link that sets a new password for the account with this address, or null when there is none.</summary>
    public async Task<Uri?> ResetLinkAsync(string email, Uri? requestBase = null)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return null;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var root = options.Value.PublicUrl is { Length: > 0 } configured ? configured
            : requestBase?.ToString() ?? "http://127.0.0.1:5080";
        return new Uri(QueryHelpers.AddQueryString(root.TrimEnd('/') + "/account/reset-password",
            new Dictionary<string, string?> { ["email"] = user.Email, ["token"] = token }));
    }

    public async Task<AccountResult> ResetPasswordAsync(string? email, string? token, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return AccountResult.Fail($"Choose a password of at least {options.Value.MinimumPasswordLength} characters.");
        }
        var user = NormalizeEmail(email) is { } address ? await users.FindByEmailAsync(address) : null;
        if (user is null || string.IsNullOrEmpty(token))
        {
            return AccountResult.Fail("That reset link is not valid or has expired. Ask for a new one.");
        }
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? AccountResult.Fail("That reset link is not valid or has expired. Ask for a new one.")
                : AccountResult.From(reset);
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // Whoever holds a valid link is the owner: a reset ends a lockout.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        logger.LogInformation("Account {UserId} set a new password from a reset link", user.Id);
        return AccountResult.Ok;
    }

    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        return trimmed.Length is > 0 and <= 256 && System.Net.Mail.MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed && address.DisplayName.Length == 0 ? trimmed : null;
    }

    public static string? ValidateDisplayName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Choose a display name."
        : name.Trim().Length > PracticeUser.DisplayNameMaxLength ? $"A display name has at most {PracticeUser.DisplayNameMaxLength} characters."
        : name.Any(char.IsControl) ? "A display name cannot contain control characters."
        : null;

    private async Task SignInAndMergeAsync(PracticeUser user, bool persistent, HttpContext context, CancellationToken cancellationToken)
    {
        if (LearnerIdentity.Anonymous(context) is { } anonymous)
        {
            var moved = await merge.MergeAsync(anonymous, user, cancellationToken);
            if (moved > 0)
            {
                logger.LogInformation("{Count} anonymous attempts moved into account {UserId}", moved, user.Id);
            }
        }
        await signIn.SignInAsync(user, persistent);
        // Signed in, the account's learner id is used; the anonymous one is done with.
        LearnerIdentity.Forget(context);
    }
}

/// <summary>Adds the display name, the learner id and the "must change password" flag to the sign-in cookie.</summary>
public sealed class PracticeClaimsFactory(UserManager<PracticeUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PracticeUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PracticeUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountService.DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(AccountService.LearnerClaim, user.LearnerId.ToString("N")));
        identity.AddClaim(new Claim(AccountService.TimeZoneClaim, user.TimeZone));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountService.MustChangePasswordClaim, "true"));
        }
        return identity;
    }
}

/// <summary>IANA time zones as this machine knows them.</summary>
public static class TimeZones
{
    private static readonly Lazy<string[]> KnownIds = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal)]);

    public static IReadOnlyList<string> All => KnownIds.Value;

    public static bool IsKnown(string? id) =>
        id is { Length: > 0 and <= PracticeUser.TimeZoneMaxLength } && Array.BinarySearch(KnownIds.Value, id, StringComparer.Ordinal) >= 0;

    /// <summary>The browser's zone when it is one this machine knows, else UTC.</summary>
    public static string OrUtc(string? id) => IsKnown(id) ? id! : "UTC";

    /// <summary>The calendar day it is now in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider clock, string zone) =>
        DateOnly.FromDateTime(Local(clock.GetUtcNow(), zone));

    /// <summary>An instant as the clock on the wall reads it in <paramref name="zone"/>.</summary>
    public static DateTime Local(DateTimeOffset at, string zone) => TimeZoneInfo.ConvertTime(at, Find(zone)).DateTime;

    /// <summary>A moment as the pages show it in the learner's zone: "3 Dec 2026, 14:57".</summary>
    public static string Display(DateTimeOffset at, string zone) =>
        Local(at, zone).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The instant a day begins in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, string zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var info = Find(zone);
        return new DateTimeOffset(local, info.GetUtcOffset(local));
    }

    private static TimeZoneInfo Find(string zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? info : TimeZoneInfo.Utc;
}
