using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Content.Grading;
using Practice.Data;
using Practice.Simulation;
using Practice.Web.Drawing;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Practice;

public sealed class AttemptModel(PracticeDbContext db, ScenarioLibrary library) : PageModel
{
    public Attempt Attempt { get; private set; } = null!;
    public ScenarioAtVersion Scenario { get; private set; } = null!;
    public ScenarioRun? Run { get; private set; }
    public IReadOnlyList<GradedQuestion> Results { get; private set; } = [];
    public IReadOnlyDictionary<string, Trace> Replays { get; private set; } = new Dictionary<string, Trace>();
    public string TimelineSvg { get; private set; } = "";

    [BindProperty(SupportsGet = true)] public string? Component { get; set; }

    public IEnumerable<TraceEvent> Events =>
        Run is null ? [] : Run.Trace.Events.Where(e => string.IsNullOrEmpty(Component) || e.Component == Component);

    public IEnumerable<string> EventComponents =>
        Run is null ? [] : Run.Trace.Events.Select(e => e.Component).Distinct().Order(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var learner = LearnerIdentity.Of(HttpContext);
        var attempt = await db.Attempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learner, cancellationToken);
        if (attempt is null)
        {
            return NotFound();
        }
        var scenario = await library.AtVersionAsync(db, attempt.ScenarioVersionId, retired: false, cancellationToken);
        if (scenario is null)
        {
            return NotFound();
        }
        (Attempt, Scenario) = (attempt, scenario);
        if (!attempt.IsGraded)
        {
            return Page();
        }
        Results = JsonSerializer.Deserialize<List<GradedQuestion>>(attempt.ResultJson!, GradingService.Json) ?? [];
        Run = await library.RunOfAsync(db, scenario, cancellationToken);
        TimelineSvg = TimelineCharts.Render(scenario.Scenario.Spec, Run.Trace);
        var replays = new Dictionary<string, Trace>();
        foreach (var result in Results.Where(r => r.ReplayKey is not null))
        {
            if (await ScenarioLibrary.ReplayAsync(db, result.ReplayKey!, cancellationToken) is { } trace)
            {
                replays[result.QuestionId] = trace;
            }
        }
        Replays = replays;
        return Page();
    }

    public QuestionOutcome? OutcomeOf(string questionId) =>
        Run?.Outcomes.FirstOrDefault(o => o.QuestionId == questionId);

    /// <summary>A runbook re-run's timeline; its markers come from the re-run, so the learner's actions show.</summary>
    public string ReplaySvg(string questionId, Trace trace) =>
        TimelineCharts.Render(Scenario.Scenario.Spec, trace, $"replay-{questionId}", "Your re-run of the incident");
}
