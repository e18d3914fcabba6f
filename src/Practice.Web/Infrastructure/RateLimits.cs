using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Practice.Web.Infrastructure;

/// <summary>
/// Limits that keep sign-in and submitting usable on the open internet: sign-in, register and
/// "forgot password" per client address, submitting answers per learner, each a fixed window of
/// one minute (Practice:RateLimits:SignInPerMinute, default 10; SubmitPerMinute, default 30). Only
/// POSTs count there; the incident API (read by kubectl) counts every request per address
/// (IncidentReadsPerMinute, default 600). Past a limit: 429 with Retry-After and the friendly error page. The client address
/// is the connection's; behind a reverse proxy it is taken from X-Forwarded-For only when that proxy
/// is listed in Practice:KnownProxies, so a client cannot choose its own partition.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Submit = "submit";
    public const string IncidentReads = "incident-reads";

    public static IServiceCollection AddPracticeRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signIn = configuration.GetValue("Practice:RateLimits:SignInPerMinute", 10);
        var submit = configuration.GetValue("Practice:RateLimits:SubmitPerMinute", 30);
        var incidentReads = configuration.GetValue("Practice:RateLimits:IncidentReadsPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, http => PerMinute(http, $"address:{http.Connection.RemoteIpAddress}", signIn));
            options.AddPolicy(Submit, http => PerMinute(http, LearnerIdentity.Existing(http) is { } learner ? $"learner:{learner:N}" : $"address:{http.Connection.RemoteIpAddress}", submit));
            // The incident API is read by kubectl, which carries no cookie: every request counts, per address.
            options.AddPolicy(IncidentReads, http => RateLimitPartition.GetFixedWindowLimiter($"incident:{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = incidentReads, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>X-Forwarded-For and -Proto, from the proxies in Practice:KnownProxies (comma-separated addresses) only.</summary>
    public static WebApplication UsePracticeForwardedHeaders(this WebApplication app)
    {
        var proxies = (app.Configuration["Practice:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (proxies.Length > 0)
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            app.UseForwardedHeaders(options);
        }
        return app;
    }

    private static RateLimitPartition<string> PerMinute(HttpContext http, string key, int limit) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("reading");
}
