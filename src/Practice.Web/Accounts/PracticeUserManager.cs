using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Practice.Data;

namespace Practice.Web.Accounts;

/// <summary>
/// Identity's user manager with lockout read from the app's <see cref="TimeProvider"/> (Identity's
/// own reads the wall clock), so a lockout's start and end are the app's time, and tests can
/// move it.
/// </summary>
public sealed class PracticeUserManager(
    IUserStore<PracticeUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PracticeUser> passwordHasher,
    IEnumerable<IUserValidator<PracticeUser>> userValidators,
    IEnumerable<IPasswordValidator<PracticeUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PracticeUser>> logger,
    TimeProvider clock)
    : UserManager<PracticeUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<PracticeUser> LockoutStore => (IUserLockoutStore<PracticeUser>)Store;

    public override async Task<bool> IsLockedOutAsync(PracticeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)
            && await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) is { } end
            && end > clock.GetUtcNow();
    }

    /// <summary>Counts a wrong password; at the limit, locks the account for the lockout time and starts the count again.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(PracticeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            Logger.LogWarning("Account {UserId} is locked out after {Count} failed sign-ins", user.Id, count);
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan, CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
