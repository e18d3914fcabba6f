using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Catalog;

namespace Practice.Web.Pages.Learn;

public sealed class ModuleModel(CourseCatalog catalog) : PageModel
{
    public ModuleOutline Module { get; private set; } = null!;
    public IReadOnlyList<ScenarioListing> Scenarios { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string moduleId, CancellationToken cancellationToken)
    {
        var module = (await catalog.CourseAsync(cancellationToken)).FirstOrDefault(m => m.Id == moduleId);
        if (module is null)
        {
            return NotFound();
        }
        Module = module;
        Scenarios = await catalog.ScenariosAsync(moduleId, cancellationToken);
        return Page();
    }
}
