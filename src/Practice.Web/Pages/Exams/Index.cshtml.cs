using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Practice.Content.Exams;
using Practice.Data;
using Practice.Web.Exams;
using Practice.Web.Infrastructure;

namespace Practice.Web.Pages.Exams;

/// <summary>The mock exams, and the learner's past sittings; starting one draws it and opens its first question.</summary>
public sealed class IndexModel(ExamService exams) : PageModel
{
    public IReadOnlyList<ExamBlueprint> Exams { get; private set; } = [];
    public IReadOnlyList<ExamSitting> Sittings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Exams = await exams.ExamsAsync(cancellationToken);
        if (LearnerIdentity.Existing(HttpContext) is { } learner)
        {
            Sittings = await exams.SittingsAsync(learner, 20, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(string examId, CancellationToken cancellationToken)
    {
        var sitting = await exams.StartAsync(examId ?? "", LearnerIdentity.Of(HttpContext), LearnerIdentity.UserIdOf(HttpContext), null, cancellationToken);
        return sitting is null ? NotFound() : Redirect($"/exams/sittings/{sitting.Id}");
    }

    public static string Minutes(long ms) => $"{ms / 60_000} minutes";

    public string LocalTime(DateTimeOffset at) => LearnerIdentity.LocalTime(HttpContext, at);
}
