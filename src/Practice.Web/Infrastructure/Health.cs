using Microsoft.EntityFrameworkCore;
using Practice.Data;

namespace Practice.Web.Infrastructure;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database answers and is migrated (and, with a backplane, whether Redis is connected; and how far behind grading is: neither makes a replica unready).</summary>
public static class Health
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", async (PracticeDbContext db, IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                // A worker has no hub and so no backplane line.
                var backplane = services.GetService<BackplaneStatus>()?.Describe() is { } line ? line + "\n" : "";
                // How far behind grading is: detail for an operator, never a reason to be unready.
                var grading = pending.Count == 0 ? (await Grading.GradingBacklog.ReadAsync(db, clock, cancellationToken)).Describe() + "\n" : "";
                return pending.Count == 0
                    ? Results.Text("ready\n" + backplane + grading)
                    : Results.Text($"not ready: {pending.Count} migration(s) not applied\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return Results.Text($"not ready: database unreachable ({e.GetBaseException().Message})\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}

/// <summary><c>Practice.Web healthcheck URL</c>: 0 when the URL answers 200 within 5 s, 1 otherwise.</summary>
public static class HealthCheckCommand
{
    public static async Task<int> RunAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Practice: {url} did not answer: {e.Message}");
            return 1;
        }
    }
}
