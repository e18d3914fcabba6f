using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Catalog;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Learn;

public sealed class CourseModel(CourseCatalog catalog) : PageModel
{
    public IReadOnlyList<ModuleOutline> Modules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var modules = await catalog.CourseAsync(cancellationToken);
        // Progress only where there is some: a learner with attempts sees how far each module is.
        if (LearnerIdentity.Existing(HttpContext) is { } learner)
        {
            var answered = await catalog.AnsweredPerModuleAsync(learner, cancellationToken);
            modules = [.. modules.Select(m => answered.TryGetValue(m.Id, out var n) ? m with { Answered = n } : m)];
        }
        Modules = modules;
    }
}
