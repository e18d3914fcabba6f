namespace Practice.Web.Infrastructure;

/// <summary>
/// Until accounts exist, a learner is an anonymous id in a long-lived cookie. Attempts carry it;
/// the accounts work links them to a user later.
/// </summary>
public static class LearnerIdentity
{
    public const string CookieName = "practice_learner";

    /// <summary>The learner of this browser if it already has one; reading never sets a cookie.</summary>
    public static Guid? Existing(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && Guid.TryParse(value, out var id) ? id : null;

    public static Guid Of(HttpContext context)
    {
        if (context.Items.TryGetValue(CookieName, out var known) && known is Guid id)
        {
            return id;
        }
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || !Guid.TryParse(value, out id))
        {
            id = Guid.NewGuid();
            context.Response.Cookies.Append(CookieName, id.ToString("N"), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }
        context.Items[CookieName] = id;
        return id;
    }
}
