using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Practice.ClusterApi;
using Practice.Content.Scenarios;
using Practice.Data;
using Practice.Simulation;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;

namespace Practice.Web.Incidents;

/// <summary>
/// A scenario's incident as a Kubernetes API at a virtual time, for the learner's own kubectl:
/// <c>kubectl --server http://HOST/incidents/SCENARIO/SEED/at/3m get pods -o wide</c>. SEED is the
/// variant (0: as written). No spoilers: T may not be later than the moment the learner is paged
/// (<see cref="Practice.Content.Scenarios.Scenario.PagedMs"/>), since kubectl carries no sign-in to tell who has answered. After
/// answering, <c>/incidents/attempts/ATTEMPT/at/T</c> serves the answered version and variant at any
/// time of the incident.
/// </summary>
public static class IncidentEndpoints
{
    public const string Prefix = "/incidents";

    /// <summary>The longest a slow incident apiserver makes a real request wait (its virtual delay may be longer).</summary>
    public static readonly TimeSpan MaxRealDelay = TimeSpan.FromSeconds(3);

    public static WebApplication MapIncidentApi(this WebApplication app)
    {
        app.Map(Prefix + "/{scenarioId}/{seed:int}/at/{at}/{**path}", HandleAsync).RequireRateLimiting(RateLimits.IncidentReads);
        app.Map(Prefix + "/attempts/{attemptId:guid}/at/{at}/{**path}", HandleAnsweredAsync).RequireRateLimiting(RateLimits.IncidentReads);
        return app;
    }

    /// <summary>The address kubectl reads a scenario's variant at, before answering (up to the page).</summary>
    public static string BeforeAnswering(HttpRequest request, string scenarioId, int seed, long atMs) =>
        $"{request.Scheme}://{request.Host}{Prefix}/{scenarioId}/{seed}/at/{PathTime(atMs)}";

    /// <summary>The address kubectl reads an answered attempt's incident at, at any time.</summary>
    public static string AfterAnswering(HttpRequest request, Guid attemptId, long atMs) =>
        $"{request.Scheme}://{request.Host}{Prefix}/attempts/{attemptId}/at/{PathTime(atMs)}";

    /// <summary>A time as the path writes it: <c>2m</c>, <c>2m30s</c>, <c>45s</c> (whole seconds).</summary>
    public static string PathTime(long ms)
    {
        var (minutes, seconds) = (ms / 60_000, ms % 60_000 / 1000);
        return minutes == 0 ? $"{seconds}s" : seconds == 0 ? $"{minutes}m" : $"{minutes}m{seconds}s";
    }

    /// <summary>Before answering: the scenario's current version at a variant, up to when the learner is paged.</summary>
    private static async Task HandleAsync(HttpContext http, string scenarioId, int seed, string at, string? path,
        PracticeDbContext db, ScenarioLibrary library, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var current = await library.CurrentAsync(db, scenarioId, cancellationToken);
        if (IncidentApi.Discovery(path ?? "", current?.Scenario.Kubernetes ?? Practice.Simulation.Model.TimingProfile.DefaultVersion) is { } discovery)
        {
            await WriteAsync(http, discovery);
            return;
        }
        if (current is null)
        {
            await WriteAsync(http, IncidentApi.Status(404, "NotFound", $"there is no scenario '{scenarioId}'"));
            return;
        }
        if (seed is < 0 or > ScenarioVariants.MaxSeed)
        {
            await WriteAsync(http, IncidentApi.Status(404, "NotFound", $"variant seeds run from 0 to {ScenarioVariants.MaxSeed}, not {seed}"));
            return;
        }
        var scenario = library.AtSeed(current, seed);
        var paged = scenario.Scenario.PagedMs;
        await ServeAsync(http, scenario, at, path, paged,
            $"this incident's API serves times up to {IncidentApi.Clock(paged)}, when you are paged, not {{0}}: no spoilers; once you have answered, your result page links to every time",
            cache, clock, cancellationToken);
    }

    /// <summary>
    /// After answering: the version and variant the attempt answered, at any time of the incident.
    /// The attempt's id, which only its result page shows, is what proves the learner answered
    /// (kubectl carries no sign-in).
    /// </summary>
    private static async Task HandleAnsweredAsync(HttpContext http, Guid attemptId, string at, string? path,
        PracticeDbContext db, ScenarioLibrary library, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId)
            .Select(a => new { a.ScenarioVersionId, a.VariantSeed })
            .SingleOrDefaultAsync(cancellationToken);
        var version = attempt is null ? null : await library.AtVersionAsync(db, attempt.ScenarioVersionId, retired: true, cancellationToken);
        if (IncidentApi.Discovery(path ?? "", version?.Scenario.Kubernetes ?? Practice.Simulation.Model.TimingProfile.DefaultVersion) is { } discovery)
        {
            await WriteAsync(http, discovery);
            return;
        }
        if (attempt is null || version is null)
        {
            await WriteAsync(http, IncidentApi.Status(404, "NotFound", $"there is no attempt {attemptId}: copy the address from your result page"));
            return;
        }
        var scenario = library.AtSeed(version, attempt.VariantSeed);
        var end = scenario.Scenario.Spec.DurationMs;
        await ServeAsync(http, scenario, at, path, end, $"this incident runs to {IncidentApi.Clock(end)}, not {{0}}", cache, clock, cancellationToken);
    }

    /// <summary>Serves one call at time <paramref name="at"/>, refusing times after <paramref name="lastMs"/> with <paramref name="tooLate"/> (its {0}: the time asked).</summary>
    private static async Task ServeAsync(HttpContext http, ScenarioAtVersion scenario, string at, string? path, long lastMs, string tooLate,
        IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var known = KubeTime.TryParseVirtual(at, out var atMs);
        if (!known || atMs > lastMs)
        {
            await WriteAsync(http, known
                ? IncidentApi.Status(403, "Forbidden", string.Format(System.Globalization.CultureInfo.InvariantCulture, tooLate, IncidentApi.Clock(atMs)))
                : IncidentApi.Status(404, "NotFound", $"'{at}' is not a time: write it like 3m, 90s or 2m30s"));
            return;
        }
        // Keyed by the values the seed drew, not the seed: seeds drawing the same values share one run.
        var view = cache.GetOrCreate(("incident-view", scenario.VersionId, ScenarioLibrary.VariantKey(scenario.Scenario), atMs), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return Simulator.ViewAt(scenario.Scenario.Spec, atMs, cancellationToken: cancellationToken);
        })!;
        var request = new ApiRequest(http.Request.Method, "/" + (path ?? ""), http.Request.Headers.Accept.ToString(),
            http.Request.Query["labelSelector"], http.Request.Query["fieldSelector"]);
        // T is now: the timestamps kubectl turns into ages itself (describe, -o yaml) then agree with AGE.
        var now = clock.GetUtcNow();
        var epoch = now.AddTicks(-now.Ticks % TimeSpan.TicksPerSecond).AddMilliseconds(-atMs);
        var response = new IncidentApi(view, epoch).Handle(request);
        if (response.Status == 503)
        {
            http.Response.Headers.RetryAfter = "1";
        }
        if (response.DelayMs > 0)
        {
            // A slow apiserver answers late: the virtual delay, up to a few real seconds.
            http.Response.Headers["Practice-Simulated-Delay"] = IncidentApi.Clock(response.DelayMs);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(response.DelayMs, MaxRealDelay.TotalMilliseconds)), cancellationToken);
        }
        await WriteAsync(http, response);
    }

    private static Task WriteAsync(HttpContext http, ApiResponse response)
    {
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.ContentType;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(response.Body);
    }
}
