using System.Globalization;
using Practice.Web.Progress;

namespace Practice.Web.Drawing;

/// <summary>The progress page's two charts as server-rendered SVG; each says in words what it shows.</summary>
public static class ProgressCharts
{
    private const int Cell = 14;
    private const int Step = 17;
    private const int Left = 34;
    private const int Top = 22;

    /// <summary>The last <see cref="PracticeCalendar.CalendarWeeks"/> weeks, a column a week (Monday on top), a square a day shaded by answers.</summary>
    public static string Calendar(IReadOnlyList<PracticeDay> days, DateOnly today)
    {
        var start = PracticeCalendar.CalendarStart(today);
        var shown = days.Where(d => d.Day >= start && d.Day <= today).ToDictionary(d => d.Day);
        var svg = new Svg(Left + PracticeCalendar.CalendarWeeks * Step, Top + 7 * Step, "calendar", "Activity calendar", Describe(shown.Values, start, today));
        foreach (var (label, row) in new[] { ("Mon", 0), ("Wed", 2), ("Fri", 4) })
        {
            svg.Text(0, Top + row * Step + Cell - 3, label, "tick");
        }
        for (var week = 0; week < PracticeCalendar.CalendarWeeks; week++)
        {
            var monday = start.AddDays(7 * week);
            if (week == 0 || monday.Month != monday.AddDays(-7).Month)
            {
                svg.Text(Left + week * Step, Top - 8, monday.ToString("MMM", CultureInfo.InvariantCulture), "tick");
            }
            for (var row = 0; row < 7; row++)
            {
                var day = monday.AddDays(row);
                if (day > today)
                {
                    break;
                }
                var answers = shown.TryGetValue(day, out var d) ? d.Answers : 0;
                var tooltip = answers == 0 ? $"{Iso(day)}: no answers" : $"{Iso(day)}: {Plural(answers, "answer")}, {d!.Right} right";
                svg.Rect(Left + week * Step, Top + row * Step, Cell, Cell, $"cal cal-{Level(answers)}", tooltip, radius: 2);
            }
        }
        return svg.ToString();
    }

    /// <summary>The share right per week, a bar a week, the last <see cref="PracticeCalendar.TrendWeeks"/> weeks.</summary>
    public static string Trend(IReadOnlyList<WeekAccuracy> weeks)
    {
        const int width = 480, height = 165, plotLeft = 40, plotRight = 462, plotTop = 10, plotHeight = 130;
        var barStep = (plotRight - plotLeft) / (double)weeks.Count;
        var svg = new Svg(width, height, "trend", "Weekly accuracy", DescribeTrend(weeks));
        svg.Rect(plotLeft, plotTop, plotRight - plotLeft, plotHeight, "plot", radius: 0);
        foreach (var percent in new[] { 0, 50, 100 })
        {
            var y = plotTop + plotHeight - plotHeight * percent / 100.0;
            svg.Line(plotLeft, y, plotRight, y, "axis-grid").Text(plotLeft - 6, y + 4, $"{percent}%", "tick", "end");
        }
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var x = plotLeft + i * barStep + barStep * 0.2;
            if (week.Share is { } share)
            {
                var h = Math.Max(2, plotHeight * share);
                svg.Rect(x, plotTop + plotHeight - h, barStep * 0.6, h, "trend-bar",
                    $"Week of {Iso(week.Monday)}: {Math.Round(share * 100)}% right ({week.Right} of {week.Answers})", radius: 1);
                svg.Text(x + barStep * 0.3, plotTop + plotHeight - h - 3, $"{Math.Round(share * 100)}", "tick", "middle");
            }
            if ((weeks.Count - 1 - i) % 2 == 0)
            {
                svg.Text(x + barStep * 0.3, plotTop + plotHeight + 16, week.Monday.ToString("d MMM", CultureInfo.InvariantCulture), "tick", "middle");
            }
        }
        return svg.ToString();
    }

    /// <summary>Shade 0 (none) to 4 (10 or more answers that day).</summary>
    public static int Level(int answers) => answers switch { 0 => 0, <= 2 => 1, <= 5 => 2, <= 9 => 3, _ => 4 };

    private static string Describe(IEnumerable<PracticeDay> days, DateOnly start, DateOnly today)
    {
        var list = days.ToList();
        if (list.Count == 0)
        {
            return $"No answers between {Iso(start)} and {Iso(today)}.";
        }
        var busiest = list.OrderByDescending(d => d.Answers).ThenByDescending(d => d.Day).First();
        return $"{Plural(list.Sum(d => d.Answers), "answer")} on {Plural(list.Count, "day")} between {Iso(start)} and {Iso(today)}; "
            + $"the busiest day was {Iso(busiest.Day)} with {Plural(busiest.Answers, "answer")}.";
    }

    private static string DescribeTrend(IReadOnlyList<WeekAccuracy> weeks)
    {
        var active = weeks.Where(w => w.Share is not null).ToList();
        return active.Count == 0
            ? $"No answers in the last {weeks.Count} weeks."
            : $"Share of answers right per week over the last {weeks.Count} weeks, in {Plural(active.Count, "week")} with answers: "
              + string.Join("; ", active.Select(w => $"week of {Iso(w.Monday)} {Math.Round(w.Share!.Value * 100)}% ({w.Right} of {w.Answers})")) + ".";
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
