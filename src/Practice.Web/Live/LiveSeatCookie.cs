namespace Practice.Web.Live;

/// <summary>
/// The seat's token lives in an HttpOnly cookie, not in the page: a reload, a dropped network or a
/// phone that slept comes back to the same seat, and script on the page never sees the secret.
/// One seat per browser: joining another session replaces it. The hub reads it from the
/// connection's request (browsers send cookies with the WebSocket and with every long poll).
/// </summary>
public static class LiveSeatCookie
{
    public const string Name = "practice_live";

    public static void Give(HttpContext context, string token) =>
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            // Strict: a page on another site cannot make the browser answer or take a seat with it.
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            // A study hour, with room to spare; the seat itself is in Postgres.
            MaxAge = TimeSpan.FromHours(12),
            IsEssential = true,
        });

    public static string? Of(HttpContext? context) =>
        context?.Request.Cookies[Name] is { Length: > 0 } token ? token : null;
}
