using Microsoft.AspNetCore.Identity;
using Practice.Data;

namespace Practice.Web.Accounts;

/// <summary><c>Practice:Accounts</c> in configuration.</summary>
public sealed class AccountOptions
{
    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>NIST SP 800-63B asks for at least 8 and no composition rules; Practice asks for 10.</summary>
    public int MinimumPasswordLength { get; set; } = 10;

    /// <summary>
    /// Where printed and logged links point (the address learners reach the app at). Empty: the
    /// address of the request that asked (pages), or http://127.0.0.1:5080 (the command line).
    /// </summary>
    public string PublicUrl { get; set; } = "";
}

public static class AccountSetup
{
    public const string CookieName = "practice_auth";
    public const string AdminPolicy = "admin";

    /// <summary>ASP.NET Core Identity on the app's database, with Practice's rules for passwords and lockout.</summary>
    public static IServiceCollection AddPracticeAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Practice:Accounts");
        services.Configure<AccountOptions>(section);
        var accounts = section.Get<AccountOptions>() ?? new AccountOptions();
        services.AddIdentity<PracticeUser, IdentityRole>(options =>
            {
                // Length, not composition (NIST SP 800-63B): a long passphrase needs no symbols.
                options.Password.RequiredLength = accounts.MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                // No mail server is assumed: an address is not confirmed by mail before signing in.
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PracticeDbContext>()
            .AddDefaultTokenProviders()
            .AddUserManager<PracticeUserManager>()
            .AddClaimsPrincipalFactory<PracticeClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            // A signed-in learner without the role gets a plain 403 (the error page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // A changed password signs the account's other sessions out within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        services.AddScoped<AccountService>();
        services.AddScoped<AttemptMerge>();
        return services;
    }

    /// <summary>
    /// A password handed out by an operator is good for one sign-in: until it is changed, every
    /// page but changing it and signing out sends the user to change it.
    /// </summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(AccountService.MustChangePasswordClaim, "true")
                && !context.Request.Path.StartsWithSegments("/account/password")
                && !context.Request.Path.StartsWithSegments("/account/sign-out")
                && !context.Request.Path.StartsWithSegments("/css")
                && !context.Request.Path.StartsWithSegments("/js"))
            {
                context.Response.Redirect("/account/password");
                return;
            }
            await next(context);
        });
}
