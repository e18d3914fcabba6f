using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Content.Scenarios;
using Practice.Data;
using Practice.Web.Drawing;
using Practice.Web.Grading;
using Practice.Web.Incidents;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Practice;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Submit)]
public sealed class ScenarioModel(PracticeDbContext db, ScenarioLibrary library, GradingService grading, global::Practice.Web.Review.ReviewService review, TimeProvider clock,
    AttemptSteps steps, Microsoft.Extensions.Options.IOptions<GradingOptions> gradingOptions) : PageModel
{
    /// <summary>Set when the database failed past the submit's retries: the answer may or may not be stored.</summary>
    public bool Unconfirmed { get; private set; }

    public int SubmitRetrySeconds => gradingOptions.Value.SubmitRetrySeconds;

    /// <summary>Set when the learner came back to find an answer that, it turns out, was not stored.</summary>
    public bool NotSaved { get; private set; }

    /// <summary>The learner's review card for this scenario and its ratings; null before their first graded attempt.</summary>
    public global::Practice.Web.Review.CardHistory? History { get; private set; }

    public string LocalTime(DateTimeOffset at) => LearnerIdentity.LocalTime(HttpContext, at);

    /// <summary>When the page was served (Unix milliseconds), sent back with the answers: how long the learner took rates their review card.</summary>
    public long OpenedAt { get; private set; }

    public ScenarioAtVersion Scenario { get; private set; } = null!;
    // Drawn only when the page is shown, not for a submit that redirects.
    public string Diagram => ClusterDiagram.Render(Scenario.Scenario.Spec);
    public string Description => ClusterDiagram.Describe(Scenario.Scenario.Spec);
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Set when the page asks only the questions an earlier attempt got wrong.</summary>
    public Retry? Retry { get; private set; }

    /// <summary>The questions this page asks, in the scenario's order, with their number in it.</summary>
    public IEnumerable<(int Number, global::Practice.Content.Questions.Question Question)> Questions =>
        Scenario.Scenario.Questions.Select((q, i) => (i + 1, q)).Where(x => Retry is null || Retry.Questions.Contains(x.q.Id));

    /// <summary>The variant seed this page asks (0: as written); always 0 for a scenario without variants.</summary>
    public int VariantSeed => Scenario.Scenario.Variant.Seed;

    /// <summary>The incident console as the last "Run" left it; on a fresh page, one that has run nothing.</summary>
    public ConsoleSession.State? Console
    {
        get => field ??= Scenario.Scenario.Console ? ConsoleSession.Replay(Scenario.Scenario, []) : null;
        private set;
    }

    /// <summary>When the learner is paged: the last time the incident's API serves before they answer.</summary>
    public long PagedAtMs => Scenario.Scenario.PagedMs;

    /// <summary>Where kubectl reads this variant's incident, at the moment the learner is paged.</summary>
    public string KubectlServer => global::Practice.Web.Incidents.IncidentEndpoints.BeforeAnswering(Request, Scenario.Scenario.Id, VariantSeed, PagedAtMs);

    /// <param name="variant">A variant to answer (a link to one); without it a variant is drawn for this visit.</param>
    public async Task<IActionResult> OnGetAsync(string scenarioId, Guid? retry, string? variant, CancellationToken cancellationToken)
    {
        if (await LoadAsync(scenarioId, null, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (retry is { } of && await LoadRetryAsync(of, cancellationToken) is { } noRetry)
        {
            return noRetry;
        }
        if (Scenario.Scenario.HasVariants)
        {
            int seed;
            if (_retrySeed is { } same)
            {
                // A retry asks the questions again about the incident they were got wrong in.
                seed = same;
            }
            else if (variant is null)
            {
                seed = Random.Shared.Next(1, ScenarioVariants.MaxSeed + 1);
            }
            else if (!TryReadSeed(variant, out seed))
            {
                return NotFound();
            }
            Scenario = library.AtSeed(Scenario, seed);
        }
        History = await review.HistoryAsync(LearnerIdentity.Of(HttpContext), scenarioId, cancellationToken);
        OpenedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return Page();
    }

    /// <summary>The page's opening time sent back, if it is believable: not in the future, not over a day ago. Otherwise unknown.</summary>
    private DateTimeOffset? Opened()
    {
        var now = clock.GetUtcNow();
        return long.TryParse(Request.Form["opened"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms <= now.ToUnixTimeMilliseconds() && ms >= now.AddDays(-1).ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    /// <summary>The scenario version, variant, retry and key a posted form names; a result when the form is refused.</summary>
    private async Task<IActionResult?> ReadPostedAsync(string scenarioId, CancellationToken cancellationToken)
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
        OpenedAt = Opened()?.ToUnixTimeMilliseconds() ?? clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (Request.Form["retry"].ToString() is { Length: > 0 } retryField)
        {
            if (!Guid.TryParse(retryField, out var of))
            {
                return BadRequest();
            }
            if (await LoadRetryAsync(of, cancellationToken) is { } noRetry)
            {
                return noRetry;
            }
        }
        if (Scenario.Scenario.HasVariants)
        {
            // The form names the variant it was made from; one it could not have named is refused like a bad version.
            if (!TryReadSeed(Request.Form["variant"].ToString(), out var seed))
            {
                return BadRequest();
            }
            Scenario = library.AtSeed(Scenario, seed);
        }
        return null;
    }

    /// <summary>
    /// "Run" in the incident console: the commands so far and the new one are run again from the
    /// start (the console is deterministic), and the page comes back with the transcript and every
    /// answer as it was posted.
    /// </summary>
    public async Task<IActionResult> OnPostConsoleAsync(string scenarioId, CancellationToken cancellationToken)
    {
        if (await ReadPostedAsync(scenarioId, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!Scenario.Scenario.Console)
        {
            return NotFound();
        }
        var lines = ConsoleSession.Lines(Request.Form[ConsoleSession.LinesField]).ToList();
        var command = Request.Form[ConsoleSession.CommandField].ToString();
        if (command.Trim().Length > 0)
        {
            if (lines.Count >= ConsoleSession.MaxLines)
            {
                Errors = [$"the console keeps {ConsoleSession.MaxLines} commands; grade your answers or start the scenario again"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else
            {
                lines.Add(command.ReplaceLineEndings(" "));
            }
        }
        Console = ConsoleSession.Replay(Scenario.Scenario, lines);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string scenarioId, CancellationToken cancellationToken)
    {
        if (await ReadPostedAsync(scenarioId, cancellationToken) is { } refused)
        {
            return refused;
        }
        var form = AnswerForm.Read(Scenario.Scenario, Request.Form.Where(f => Retry is null || !f.Key.StartsWith("q.", StringComparison.Ordinal)
            || Retry.Questions.Any(q => f.Key == $"q.{q}" || f.Key.StartsWith($"q.{q}.", StringComparison.Ordinal))));
        if (form.Errors.Count > 0)
        {
            Errors = form.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Guid attemptId;
        try
        {
            attemptId = await grading.SubmitAsync(new Submission(LearnerIdentity.Of(HttpContext), Scenario, IdempotencyKey, form.Answers, LearnerIdentity.UserIdOf(HttpContext), Retry, OpenedAt: Opened())
            {
                Transcripts = form.Transcripts,
            }, cancellationToken);
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            // The outage outlasted the retries; a try may have stored it before its answer was lost.
            // The page keeps the answers and the key: sending them again finds the stored attempt.
            Unconfirmed = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return Page();
        }
        return RedirectToPage("/Practice/Attempt", new { attemptId });
    }

    /// <summary>
    /// After "your answer may have been saved": the attempt stored under this page's key, if any
    /// (the learner's own only); else the scenario again, saying the answer was not stored.
    /// </summary>
    public async Task<IActionResult> OnGetSavedAsync(string scenarioId, string key, CancellationToken cancellationToken)
    {
        if (LearnerIdentity.Existing(HttpContext) is { } learner && await steps.FindAsync(learner, key, cancellationToken) is { } attemptId)
        {
            return RedirectToPage("/Practice/Attempt", new { attemptId });
        }
        NotSaved = true;
        return await OnGetAsync(scenarioId, null, null, cancellationToken);
    }

    /// <summary>
    /// The questions of this scenario that one of the learner's attempts got wrong, asked again.
    /// Another learner's attempt, or one of another scenario, is not found (404); an attempt with
    /// nothing wrong leaves the whole scenario asked.
    /// </summary>
    private async Task<IActionResult?> LoadRetryAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        if (LearnerIdentity.Existing(HttpContext) is not { } learner)
        {
            return NotFound();
        }
        var source = await db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId && a.LearnerId == learner && a.ScenarioVersion!.ScenarioId == Scenario.Scenario.Id && a.Status == AttemptStatus.Graded)
            .Select(a => new { a.VariantSeed, Wrong = a.Answers.Where(x => x.Correct == false).Select(x => x.QuestionId).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return NotFound();
        }
        _retrySeed = source.VariantSeed;
        // Questions the current version no longer has cannot be asked again.
        var wrong = Scenario.Scenario.Questions.Select(q => q.Id).Where(source.Wrong.Contains).ToList();
        Retry = wrong.Count > 0 ? new Retry(attemptId, wrong) : null;
        return null;
    }

    private int? _retrySeed;

    private static bool TryReadSeed(string text, out int seed) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed)
        && seed <= ScenarioVariants.MaxSeed;

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
