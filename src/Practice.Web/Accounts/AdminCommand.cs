using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Practice.Data;

namespace Practice.Web.Accounts;

/// <summary>
/// <c>Practice.Web admin create EMAIL</c> makes an administrator with a one-time password, printed
/// once, or gives an existing account the admin role; <c>Practice.Web admin reset-link EMAIL</c>
/// prints a password-reset link, for operators without a mail server.
/// </summary>
public static class AdminCommand
{
    public const string Usage = "admin create EMAIL | admin reset-link EMAIL";

    // No 0/O or 1/l/I: read off a terminal and typed by hand.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter errors)
    {
        if (args.Count != 2 || args[0] is not ("create" or "reset-link"))
        {
            errors.WriteLine($"Practice: usage: {Usage}");
            return 2;
        }
        if (AccountService.NormalizeEmail(args[1]) is not { } email)
        {
            errors.WriteLine($"Practice: '{args[1]}' is not an e-mail address");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PracticeUser>>();
        if (args[0] == "reset-link")
        {
            var link = await scope.ServiceProvider.GetRequiredService<AccountService>().ResetLinkAsync(email);
            if (link is null)
            {
                errors.WriteLine($"Practice: no account has the address {email}");
                return 1;
            }
            output.WriteLine($"Practice: a password-reset link for {email} (it works once, for one day, and ends a lockout):");
            output.WriteLine(link);
            return 0;
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Admin) && !Report(await users.AddToRoleAsync(existing, Roles.Admin), email, errors))
            {
                return 1;
            }
            output.WriteLine($"Practice: {email} is an administrator; its password is unchanged ('admin reset-link {email}' gives its owner a new one).");
            return 0;
        }
        var password = RandomNumberGenerator.GetString(Alphabet, 20);
        var user = new PracticeUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0],
            LearnerId = Guid.NewGuid(), CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
            MustChangePassword = true,
        };
        if (!Report(await users.CreateAsync(user, password), email, errors) || !Report(await users.AddToRolesAsync(user, [Roles.Admin, Roles.Learner]), email, errors))
        {
            return 1;
        }
        output.WriteLine($"Practice: administrator {email} created.");
        output.WriteLine($"One-time password: {password}");
        output.WriteLine("It is shown only now, and must be changed at the first sign-in.");
        return 0;
    }

    private static bool Report(IdentityResult result, string email, TextWriter errors)
    {
        if (!result.Succeeded)
        {
            errors.WriteLine($"Practice: {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        return result.Succeeded;
    }
}
