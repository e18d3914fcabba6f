using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Web.Catalog;

namespace Practice.Web.Pages.Learn;

public sealed class LessonModel(CourseCatalog catalog) : PageModel
{
    public ModuleOutline Module { get; private set; } = null!;
    public LessonPage Lesson { get; private set; } = null!;
    public LessonOutline? Previous { get; private set; }
    public LessonOutline? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string moduleId, string lessonId, CancellationToken cancellationToken)
    {
        var module = (await catalog.CourseAsync(cancellationToken)).FirstOrDefault(m => m.Id == moduleId);
        var index = module?.Lessons.ToList().FindIndex(l => l.Id == lessonId) ?? -1;
        var lesson = index < 0 ? null : await catalog.LessonAsync(lessonId, cancellationToken);
        if (module is null || lesson is null)
        {
            return NotFound();
        }
        (Module, Lesson) = (module, lesson);
        Previous = index > 0 ? module.Lessons[index - 1] : null;
        Next = index + 1 < module.Lessons.Count ? module.Lessons[index + 1] : null;
        return Page();
    }
}
