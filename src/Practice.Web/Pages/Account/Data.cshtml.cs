using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Account;

/// <summary>
/// "Download my data": the account's profile and every attempt with its answers and grades, as
/// JSON, or one row per answered question as CSV. Streamed from the database as it is read, so a
/// learner with years of practice does not cost the server their whole history in memory.
/// </summary>
[Authorize]
public sealed class DataModel(PracticeDbContext db, TimeProvider clock) : PageModel
{
    private sealed record Row(
        Guid AttemptId, DateTimeOffset CreatedAt, AttemptStatus Status, DateTimeOffset? GradedAt, Guid? LiveSessionId, Guid? ExamSittingId,
        string ScenarioId, string ScenarioTitle, int VariantSeed, string QuestionId, int Position, string Kind, string ModuleId, string[] Components,
        string? Answer, bool? Correct, int? Points, string? Transcript);

    public async Task<IActionResult> OnGetAsync(string format, CancellationToken cancellationToken)
    {
        var userId = LearnerIdentity.UserIdOf(HttpContext)!;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = Rows(user.LearnerId).AsAsyncEnumerable();
        if (format == "csv")
        {
            Start("text/csv; charset=utf-8", $"practice-data-{day}.csv");
            await WriteCsvAsync(rows, cancellationToken);
        }
        else
        {
            Start("application/json; charset=utf-8", $"practice-data-{day}.json");
            await WriteJsonAsync(user, rows, cancellationToken);
        }
        return new EmptyResult();
    }

    private IQueryable<Row> Rows(Guid learner) =>
        db.AttemptAnswers.AsNoTracking().Where(a => a.LearnerId == learner)
            .Join(db.Attempts, a => a.AttemptId, t => t.Id, (a, t) => new { a, t })
            .Join(db.ScenarioVersions, x => x.t.ScenarioVersionId, v => v.Id, (x, v) => new { x.a, x.t, v })
            .OrderBy(x => x.t.CreatedAt).ThenBy(x => x.t.Id).ThenBy(x => x.a.Position)
            .Select(x => new Row(
                x.t.Id, x.t.CreatedAt, x.t.Status, x.t.GradedAt, x.t.LiveSessionId, x.t.ExamSittingId, x.v.ScenarioId, x.v.Title, x.t.VariantSeed,
                x.a.QuestionId, x.a.Position, x.a.Kind, x.a.ModuleId, x.a.Components, x.a.Answer, x.a.Correct, x.a.Points, x.a.Transcript));

    private void Start(string contentType, string fileName)
    {
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        Response.Headers.CacheControl = "no-store";
    }

    private async Task WriteCsvAsync(IAsyncEnumerable<Row> rows, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        Csv.Row(line, ["answered_at_utc", "scenario", "scenario_title", "question", "kind", "answer", "correct", "points", "module", "components", "from", "attempt"]);
        await Response.WriteAsync(line.ToString(), cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Answer is null)
            {
                continue; // one row per answered question
            }
            line.Clear();
            Csv.Row(line, [Time(row.CreatedAt), row.ScenarioId, row.ScenarioTitle, row.QuestionId, row.Kind, row.Answer,
                row.Correct switch { true => "yes", false => "no", null => "" }, row.Points?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.ModuleId, string.Join(';', row.Components), From(row), row.AttemptId.ToString()]);
            await Response.WriteAsync(line.ToString(), cancellationToken);
        }
    }

    private async Task WriteJsonAsync(PracticeUser user, IAsyncEnumerable<Row> rows, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("profile");
        json.WriteString("email", user.Email);
        json.WriteString("displayName", user.DisplayName);
        json.WriteString("timeZone", user.TimeZone);
        json.WriteString("createdAt", user.CreatedAt);
        json.WriteEndObject();
        json.WriteStartArray("attempts");
        Guid? open = null;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.AttemptId != open)
            {
                if (open is not null)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                    await json.FlushAsync(cancellationToken);
                }
                open = row.AttemptId;
                json.WriteStartObject();
                json.WriteString("id", row.AttemptId);
                json.WriteString("answeredAt", row.CreatedAt);
                json.WriteString("status", row.Status.ToString().ToLowerInvariant());
                if (row.GradedAt is { } graded)
                {
                    json.WriteString("gradedAt", graded);
                }
                json.WriteString("scenario", row.ScenarioId);
                json.WriteString("scenarioTitle", row.ScenarioTitle);
                json.WriteNumber("variantSeed", row.VariantSeed);
                json.WriteString("from", From(row));
                json.WriteStartArray("answers");
            }
            json.WriteStartObject();
            json.WriteString("question", row.QuestionId);
            json.WriteString("kind", row.Kind);
            if (row.Answer is null) { json.WriteNull("answer"); } else { json.WriteString("answer", row.Answer); }
            if (row.Correct is { } correct) { json.WriteBoolean("correct", correct); } else { json.WriteNull("correct"); }
            if (row.Points is { } points) { json.WriteNumber("points", points); } else { json.WriteNull("points"); }
            if (row.Transcript is { } transcript)
            {
                // The console session the runbook was answered in, as stored (each command's moment in ms, prompt, text, output).
                json.WritePropertyName("consoleTranscript");
                json.WriteRawValue(transcript);
            }
            json.WriteString("module", row.ModuleId);
            json.WriteStartArray("components");
            foreach (var component in row.Components)
            {
                json.WriteStringValue(component);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (open is not null)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static string From(Row row) => row.LiveSessionId is not null ? "live session" : row.ExamSittingId is not null ? "mock exam" : "practice";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
