namespace Practice.Web.Progress;

/// <summary>One week of the trend: answers in it and the share right (null when none).</summary>
public sealed record WeekAccuracy(DateOnly Monday, int Answers, int Right)
{
    public double? Share => Answers == 0 ? null : (double)Right / Answers;
}

/// <summary>Streaks, the activity calendar and the weekly trend, from the learner's practice days. Pure: "today" is given.</summary>
public static class PracticeCalendar
{
    public const int CalendarWeeks = 26;
    public const int TrendWeeks = 12;

    /// <summary>
    /// Days in a row with at least one answer, ending today, or yesterday when today has none yet
    /// (the streak is not lost before the day is over); and the longest run ever.
    /// </summary>
    public static (int Current, int Longest) Streak(IEnumerable<PracticeDay> days, DateOnly today)
    {
        var active = days.Where(d => d.Answers > 0).Select(d => d.Day).ToHashSet();
        var current = 0;
        var day = active.Contains(today) ? today : today.AddDays(-1);
        while (active.Contains(day))
        {
            current++;
            day = day.AddDays(-1);
        }
        var longest = 0;
        foreach (var start in active.Where(d => !active.Contains(d.AddDays(-1))))
        {
            var length = 0;
            while (active.Contains(start.AddDays(length)))
            {
                length++;
            }
            longest = Math.Max(longest, length);
        }
        return (current, longest);
    }

    /// <summary>The Monday of the week <paramref name="day"/> is in (ISO weeks).</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The first day the calendar shows: the Monday <see cref="CalendarWeeks"/> − 1 weeks before this week's.</summary>
    public static DateOnly CalendarStart(DateOnly today) => MondayOf(today).AddDays(-7 * (CalendarWeeks - 1));

    /// <summary>Answers per week for the last <see cref="TrendWeeks"/> weeks, oldest first, this week last.</summary>
    public static IReadOnlyList<WeekAccuracy> Trend(IEnumerable<PracticeDay> days, DateOnly today)
    {
        var first = MondayOf(today).AddDays(-7 * (TrendWeeks - 1));
        var byWeek = days.Where(d => d.Day >= first && d.Day <= today).GroupBy(d => MondayOf(d.Day))
            .ToDictionary(g => g.Key, g => (Answers: g.Sum(d => d.Answers), Right: g.Sum(d => d.Right)));
        return [.. Enumerable.Range(0, TrendWeeks).Select(i => first.AddDays(7 * i))
            .Select(monday => byWeek.TryGetValue(monday, out var w) ? new WeekAccuracy(monday, w.Answers, w.Right) : new WeekAccuracy(monday, 0, 0))];
    }
}
