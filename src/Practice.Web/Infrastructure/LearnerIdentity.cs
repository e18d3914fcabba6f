using System.Security.Claims;
using Practice.Web.Accounts;

namespace Practice.Web.Infrastructure;

/// <summary>
/// Who is practising. A visitor is an anonymous id in a long-lived cookie, so practice needs no
/// account; a signed-in learner is the account's own learner id (a claim of the sign-in cookie),
/// the same on every device. Attempts carry that id; registering or signing in merges the
/// anonymous one into the account (<see cref="AttemptMerge"/>).
/// </summary>
public static class LearnerIdentity
{
    public const string CookieName = "practice_learner";
    private const string ForgottenKey = "practice_learner_forgotten";

    /// <summary>The learner of this request if there is one yet; reading never sets a cookie.</summary>
    public static Guid? Existing(HttpContext context) => Account(context.User) ?? Anonymous(context);

    /// <summary>The learner of this request, giving a visitor's browser an anonymous id when it has none.</summary>
    public static Guid Of(HttpContext context)
    {
        if (Account(context.User) is { } account)
        {
            return account;
        }
        if (Anonymous(context) is { } anonymous)
        {
            return anonymous;
        }
        var id = Guid.NewGuid();
        context.Response.Cookies.Append(CookieName, id.ToString("N"), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        context.Items[CookieName] = id;
        return id;
    }

    /// <summary>The browser's anonymous id (whether or not someone is signed in), if it has one.</summary>
    public static Guid? Anonymous(HttpContext context) =>
        context.Items.TryGetValue(CookieName, out var known) && known is Guid id ? id
        : context.Items.ContainsKey(ForgottenKey) ? null
        : context.Request.Cookies.TryGetValue(CookieName, out var value) && Guid.TryParse(value, out id) ? id
        : null;

    /// <summary>The zone the learner's days are counted in: the account's, or UTC for a visitor.</summary>
    public static string TimeZoneOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && TimeZones.IsKnown(context.User.FindFirstValue(AccountService.TimeZoneClaim))
            ? context.User.FindFirstValue(AccountService.TimeZoneClaim)!
            : "UTC";

    /// <summary>A moment in the learner's zone, as the pages show it.</summary>
    public static string LocalTime(HttpContext context, DateTimeOffset at) => TimeZones.Display(at, TimeZoneOf(context));

    /// <summary>The account signed in, if any (its user id).</summary>
    public static string? UserIdOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>
    /// Drops the browser's anonymous id (at sign-in, once merged; at sign-out), so whoever
    /// practises here next, signed out, starts with a new one and never sees the account's work.
    /// </summary>
    public static void Forget(HttpContext context)
    {
        context.Response.Cookies.Delete(CookieName);
        context.Items.Remove(CookieName);
        context.Items[ForgottenKey] = true;
    }

    private static Guid? Account(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(AccountService.LearnerClaim), out var id) ? id : null;
}
