using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Data;
using Practice.Web.Scenarios;

namespace Practice.Web.Pages.Scenarios;

public sealed class ScenarioModel(PracticeDbContext db, ScenarioLibrary library, GradingService grading) : PageModel
{
    public ScenarioAtVersion Scenario { get; private set; } = null!;
    public string Diagram { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string scenarioId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(scenarioId, null, cancellationToken) is { } missing)
        {
            return missing;
        }
        LearnerIdentity.Of(HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string scenarioId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(Request.Form["version"], out var versionId))
        {
            return BadRequest();
        }
        if (await LoadAsync(scenarioId, versionId, cancellationToken) is { } missing)
        {
            return missing;
        }
        var key = Request.Form["idempotency"].ToString();
        if (key.Length is < 8 or > 64 || !key.All(char.IsAsciiLetterOrDigit))
        {
            return BadRequest();
        }
        IdempotencyKey = key;
        var form = AnswerForm.Read(Scenario.Scenario, Request.Form);
        if (form.Errors.Count > 0)
        {
            Errors = form.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var attempt = await grading.SubmitAsync(
            new Submission(LearnerIdentity.Of(HttpContext), Scenario.VersionId, key, form.Answers), Scenario, cancellationToken);
        return RedirectToPage("/Scenarios/Attempt", new { attemptId = attempt.Id });
    }

    public bool Chosen(string name, string value) =>
        Request.HasFormContentType && Request.Form[name].Contains(value);

    public string? Value(string name) =>
        Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>Loads the current version (GET) or the version the form was made from (POST); a result only when it is missing.</summary>
    private async Task<IActionResult?> LoadAsync(string scenarioId, long? versionId, CancellationToken cancellationToken)
    {
        var current = await library.CurrentAsync(db, scenarioId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }
        if (versionId is { } requested && requested != current.VersionId)
        {
            var older = await library.AtVersionAsync(db, requested, retired: true, cancellationToken);
            if (older is null || older.Scenario.Id != scenarioId)
            {
                return BadRequest();
            }
            current = older;
        }
        Scenario = current;
        Diagram = ClusterDiagram.Render(current.Scenario.Spec);
        Description = ClusterDiagram.Describe(current.Scenario.Spec);
        return null;
    }
}
