using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Simulation;
using Practice.Web.Drawing;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Practice;

/// <summary>One question of a result as recorded: the answer row, its detail, and the console transcript it was typed in (if any).</summary>
public sealed record RecordedAnswer(AttemptAnswer Row, AnswerDetail Detail, IReadOnlyList<global::Practice.ClusterApi.Terminal.ConsoleLine>? Transcript);

/// <summary>
/// The result page renders what the record step wrote; it simulates nothing. The version's own
/// run (for the timeline and the event log) and stored re-runs come from the library's caches.
/// </summary>
public sealed class AttemptModel(PracticeDbContext db, ScenarioLibrary library, GradingService grading, global::Practice.Web.Review.ReviewService review, TimeProvider clock) : PageModel
{
    /// <summary>How many scenarios are due for review now: the result leads on to the next.</summary>
    public int DueForReview { get; private set; }

    public Attempt Attempt { get; private set; } = null!;
    public ScenarioAtVersion Scenario { get; private set; } = null!;
    public Trace? Timeline { get; private set; }
    public IReadOnlyList<RecordedAnswer> Answers { get; private set; } = [];
    public IReadOnlyDictionary<string, Trace> Replays { get; private set; } = new Dictionary<string, Trace>();
    public string TimelineSvg { get; private set; } = "";

    [BindProperty(SupportsGet = true)] public string? Component { get; set; }

    public IEnumerable<TraceEvent> Events =>
        Timeline is null ? [] : Timeline.Events.Where(e => string.IsNullOrEmpty(Component) || e.Component == Component);

    public IEnumerable<string> EventComponents =>
        Timeline is null ? [] : Timeline.Events.Select(e => e.Component).Distinct().Order(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var learner = LearnerIdentity.Of(HttpContext);
        var attempt = await db.Attempts.AsNoTracking().Include(a => a.Answers)
            .SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learner, cancellationToken);
        var scenario = attempt is null ? null : await library.AtVersionAsync(db, attempt.ScenarioVersionId, retired: false, cancellationToken);
        if (attempt is null || scenario is null)
        {
            return NotFound();
        }
        // The variant the learner answered: its prompts, its timeline.
        (Attempt, Scenario) = (attempt, library.AtSeed(scenario, attempt.VariantSeed));
        if (!attempt.IsGraded)
        {
            return Page();
        }
        // In the scenario's order (rows carried over from the first release may not know their place).
        var order = Scenario.Scenario.Questions.Select((q, i) => (q.Id, i)).ToDictionary(q => q.Id, q => q.i);
        Answers = [.. attempt.Answers.OrderBy(a => order.GetValueOrDefault(a.QuestionId, int.MaxValue)).ThenBy(a => a.Position)
            .Select(a => new RecordedAnswer(a, AnswerDetail.FromJson(a.DetailJson!),
                a.Transcript is { } json ? global::Practice.Web.Incidents.ConsoleSession.ReadTranscript(json) : null))];
        DueForReview = (await review.QueueAsync(learner, clock.GetUtcNow(), 1, cancellationToken)).DueCount;
        var baseRun = await library.BaseRunAsync(db, Scenario, cancellationToken);
        Timeline = baseRun.Run.Trace;
        TimelineSvg = TimelineCharts.Render(Scenario.Scenario.Spec, Timeline);
        var replays = new Dictionary<string, Trace>();
        foreach (var answer in Answers.Where(a => a.Row.ReplayKey is not null))
        {
            if (await library.ReplayAsync(db, answer.Row.ReplayKey!, cancellationToken) is { } trace)
            {
                replays[answer.Row.QuestionId] = trace;
            }
        }
        Replays = replays;
        return Page();
    }

    /// <summary>Where the learner's kubectl reads this attempt's incident, at the moment they were paged.</summary>
    public string KubectlServer => global::Practice.Web.Incidents.IncidentEndpoints.AfterAnswering(Request, Attempt.Id,
        Scenario.Scenario.PagedMs);

    /// <summary>Why grading could not finish, as a sentence.</summary>
    public string FailureReason =>
        Attempt.Error is { Length: > 0 } error ? $"{char.ToUpperInvariant(error[0])}{error[1..]}." : "The grader gave no reason.";

    /// <summary>"Grade again" on a failed attempt.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid attemptId, CancellationToken cancellationToken) =>
        await grading.RetryAsync(attemptId, LearnerIdentity.Of(HttpContext), cancellationToken)
            ? RedirectToPage(new { attemptId })
            : NotFound();

    /// <summary>
    /// A runbook re-run's timeline; its markers come from the re-run, so the learner's actions show,
    /// and the console's commands when the answer was typed there.
    /// </summary>
    public string ReplaySvg(string questionId, Trace trace, IReadOnlyList<global::Practice.ClusterApi.Terminal.ConsoleLine>? transcript) =>
        TimelineCharts.Render(Scenario.Scenario.Spec, trace, $"replay-{questionId}", "Your re-run of the incident", transcript);
}
