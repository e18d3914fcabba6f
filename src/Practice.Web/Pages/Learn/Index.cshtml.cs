using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Learn;

namespace Practice.Web.Pages.Learn;

public sealed class CourseModel(CourseCatalog catalog) : PageModel
{
    public IReadOnlyList<ModuleOutline> Modules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Modules = await catalog.CourseAsync(cancellationToken);
}
