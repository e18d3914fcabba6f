using Practice.Content.Questions;
using Practice.Web.Live;

namespace Practice.Web.Pages.Live;

/// <summary>What <c>_Reveal</c> draws: a revealed question with the room's answers, the simulation's verdicts and the seat's own answer, if any.</summary>
public sealed record RevealPanel(Question Question, LiveReveal Reveal, RevealDetail Detail, string? Mine);

/// <summary>Answers in the options' own words.</summary>
public static class LiveWords
{
    /// <summary>An answer in the notation (ids joined by commas) in the question's words: option texts, items in order, steps.</summary>
    public static string Of(Question question, string answer)
    {
        IReadOnlyDictionary<string, string> names = question switch
        {
            ChoiceQuestion choice => choice.Options.ToDictionary(o => o.Id, o => o.Text),
            OrderQuestion order => order.Items.ToDictionary(i => i.Id, i => i.Text),
            RunbookQuestion runbook => runbook.Choices.ToDictionary(c => c.Id, c => c.Text),
            _ => new Dictionary<string, string>(),
        };
        if (question is NumberQuestion number)
        {
            return $"{answer} {number.Unit}".Trim();
        }
        var parts = answer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('@')[0]).Select(id => names.GetValueOrDefault(id, id)).ToList();
        return parts.Count == 0 ? "none of the options"
            : question is OrderQuestion or RunbookQuestion ? string.Join(" → ", parts) : string.Join("; ", parts);
    }
}

/// <summary>What <c>_Leaderboard</c> draws; <paramref name="Mine"/> marks the reader's own row.</summary>
public sealed record LeaderboardPanel(IReadOnlyList<LeaderboardRow> Rows, Guid? Mine, string Caption);
