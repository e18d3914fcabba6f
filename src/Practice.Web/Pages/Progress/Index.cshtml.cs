using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Accounts;
using Practice.Web.Catalog;
using Practice.Web.Infrastructure;
using Practice.Web.Progress;

namespace Practice.Web.Pages.Progress;

public sealed class IndexModel(ProgressQueries progress, CourseCatalog catalog, global::Practice.Web.Review.ReviewService review, global::Practice.Web.Exams.ExamService exams, TimeProvider clock) : PageModel
{
    /// <summary>The learner's mock exam sittings, newest first.</summary>
    public IReadOnlyList<global::Practice.Data.ExamSitting> Sittings { get; private set; } = [];

    public global::Practice.Web.Pages.Shared.ReviewQueuePanel? Review { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Module { get; set; }
    [BindProperty(SupportsGet = true)] public string? Component { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Result { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public string TimeZone { get; private set; } = "UTC";
    public DateOnly Today { get; private set; }
    public ProgressSummary Summary { get; private set; } = ProgressSummary.Empty;
    public (int Current, int Longest) Streak { get; private set; }
    public IReadOnlyList<WeekAccuracy> Trend { get; private set; } = [];
    public HistoryPage History { get; private set; } = new([], 0, 1, ProgressQueries.HistoryPageSize);
    public IReadOnlyList<ModuleOutline> Modules { get; private set; } = [];
    public IReadOnlyDictionary<string, LessonLink> Teaching { get; private set; } = new Dictionary<string, LessonLink>();
    public IReadOnlyList<string> FilterErrors { get; private set; } = [];
    public bool SignedIn => LearnerIdentity.UserIdOf(HttpContext) is not null;

    public bool Filtered => !string.IsNullOrEmpty(Module) || !string.IsNullOrEmpty(Component) || !string.IsNullOrEmpty(Kind)
        || !string.IsNullOrEmpty(Result) || !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        TimeZone = LearnerIdentity.TimeZoneOf(HttpContext);
        Today = TimeZones.Today(clock, TimeZone);
        Modules = await catalog.CourseAsync(cancellationToken);
        Teaching = await catalog.LessonsTeachingAsync(cancellationToken);
        // Reading progress never gives a visitor a learner id: no attempts, nothing to show.
        if (LearnerIdentity.Existing(HttpContext) is not { } learner)
        {
            return;
        }
        Summary = await progress.SummaryAsync(learner, TimeZone, cancellationToken);
        Review = new global::Practice.Web.Pages.Shared.ReviewQueuePanel(await review.QueueAsync(learner, clock.GetUtcNow(), 5, cancellationToken), TimeZone);
        Sittings = await exams.SittingsAsync(learner, 10, cancellationToken);
        Streak = PracticeCalendar.Streak(Summary.Days, Today);
        Trend = PracticeCalendar.Trend(Summary.Days, Today);

        var errors = new List<string>();
        var from = ParseDay(From, "From", errors);
        var to = ParseDay(To, "To", errors);
        if (Result is { Length: > 0 } and not ("right" or "wrong"))
        {
            errors.Add("Result is either right or wrong.");
            Result = null;
        }
        FilterErrors = errors;
        History = await progress.HistoryAsync(learner, new HistoryFilter(Module, Component, Kind, Result, from, to, PageNumber),
            from is { } f ? TimeZones.StartOf(f, TimeZone) : null,
            to is { } t ? TimeZones.StartOf(t.AddDays(1), TimeZone) : null,
            cancellationToken, unfilteredTotal: Summary.Attempts);
    }

    /// <summary>The history's address with one query value changed (paging keeps the filters).</summary>
    public string PageLink(int page) =>
        "/progress?" + string.Join("&", new (string Name, string? Value)[]
            {
                ("module", Module), ("component", Component), ("kind", Kind), ("result", Result), ("from", From), ("to", To),
                ("p", page.ToString(CultureInfo.InvariantCulture)),
            }
            .Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")) + "#history";

    public string LocalTime(DateTimeOffset at) =>
        TimeZones.Local(at, TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string ModuleTitle(string id) => Modules.FirstOrDefault(m => m.Id == id)?.Title ?? id;

    private static DateOnly? ParseDay(string? text, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add($"{field} is a date like 2026-12-03; '{text}' is not, so it is left out.");
        return null;
    }
}
