using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Data;
using Practice.Web.Drawing;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Practice;

public sealed class ScenarioModel(PracticeDbContext db, ScenarioLibrary library, GradingService grading) : PageModel
{
    public ScenarioAtVersion Scenario { get; private set; } = null!;
    // Drawn only when the page is shown, not for a submit that redirects.
    public string Diagram => ClusterDiagram.Render(Scenario.Scenario.Spec);
    public string Description => ClusterDiagram.Describe(Scenario.Scenario.Spec);
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
        var attemptId = await grading.SubmitAsync(new Submission(LearnerIdentity.Of(HttpContext), Scenario, key, form.Answers, LearnerIdentity.UserIdOf(HttpContext)), cancellationToken);
        return RedirectToPage("/Practice/Attempt", new { attemptId });
    }

    public bool Chosen(string name, string value) =>
        Request.HasFormContentType && Request.Form[name].Contains(value);

    public string? Value(string name) =>
        Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>Loads the current version (GET) or the version the form was made from (POST); a result only when it is missing.</summary>
    private async Task<IActionResult?> LoadAsync(string scenarioId, long? versionId, CancellationToken cancellationToken)
    {
        // A form answers the version it was made from (kept in memory once parsed); a page shows the current one.
        var scenario = versionId is { } requested
            ? await library.AtVersionAsync(db, requested, retired: false, cancellationToken)
            : await library.CurrentAsync(db, scenarioId, cancellationToken);
        if (scenario is null || scenario.Scenario.Id != scenarioId)
        {
            return versionId is null || await library.CurrentAsync(db, scenarioId, cancellationToken) is null ? NotFound() : BadRequest();
        }
        Scenario = scenario;
        return null;
    }
}
