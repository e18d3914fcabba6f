using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Simulation.Model;
using Practice.Web.Catalog;
using Practice.Web.Drawing;
using Practice.Web.Grading;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Practice;

public sealed class IndexModel(CourseCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true)] public string? Module { get; set; }
    [BindProperty(SupportsGet = true)] public string? Component { get; set; }
    [BindProperty(SupportsGet = true)] public int? Difficulty { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool Unanswered { get; set; }

    public IReadOnlyList<ModuleOutline> Modules { get; private set; } = [];
    public IReadOnlyList<string> AllComponents { get; } = [.. Components.Names];
    public IReadOnlyList<ScenarioListing> Scenarios { get; private set; } = [];
    public IReadOnlySet<string> Answered { get; private set; } = new HashSet<string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Modules = await catalog.CourseAsync(cancellationToken);
        var learner = LearnerIdentity.Of(HttpContext);
        Answered = await catalog.AnsweredScenariosAsync(learner, cancellationToken);
        Scenarios = (await catalog.ScenariosAsync(string.IsNullOrEmpty(Module) ? null : Module, cancellationToken))
            .Where(s => string.IsNullOrWhiteSpace(Query) || s.Title.Contains(Query.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(s => string.IsNullOrEmpty(Component) || s.Components.Contains(Component))
            .Where(s => Difficulty is null || s.Difficulty == Difficulty)
            .Where(s => string.IsNullOrEmpty(Kind) || s.QuestionKinds.Contains(Kind))
            .Where(s => !Unanswered || !Answered.Contains(s.Id))
            .ToList();
    }
}
