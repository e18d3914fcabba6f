using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Scenarios;
using Practice.Content.Yaml;
using Practice.Simulation.Probes;

namespace Practice.Content.Questions;

/// <summary>An item of an order question: the first trace event of <see cref="Event"/> places it.</summary>
public sealed record OrderItem(string Id, string Text, EventRef Event, SourcePosition At);

/// <summary><c>order</c>: the learner puts events in the order they first happen in the trace.</summary>
/// <remarks>Ties (two events at the same virtual millisecond) keep the order the items are written in the file.</remarks>
public sealed record OrderQuestion : Question
{
    internal static readonly string[] Fields = ["items", "expect"];
    private static readonly string[] ItemFields = ["id", "text", "event"];

    public required IReadOnlyList<OrderItem> Items { get; init; }
    public IReadOnlyList<string>? Expect { get; init; }
    public SourcePosition? ExpectAt { get; init; }

    public override QuestionKind Kind => QuestionKind.Order;

    internal static OrderQuestion? Read(QuestionHeader header, Fields fields, ScenarioReader reader)
    {
        var problems = reader.Problems;
        var before = problems.ErrorCount;
        var list = Yaml.Read.List(fields.Required("items"), problems, "items");
        if (list is not null && list.Items.Count < 2)
        {
            problems.Error(list.At, "an order question needs at least two items");
        }
        var items = new List<OrderItem>();
        foreach (var entry in list?.Items ?? [])
        {
            if (Yaml.Read.Map(entry, problems, "items") is not { } map)
            {
                continue;
            }
            var f = new Fields(map, problems, ItemFields);
            var id = Yaml.Read.Slug(f.Required("id"), problems, "id");
            var text = Yaml.Read.Text(f.Required("text"), problems, "text");
            var ev = reader.ReadEvent(f.Required("event"), "event");
            if (id is not null && items.FirstOrDefault(i => i.Id == id) is { } first)
            {
                problems.Error(f["id"]!.At, $"duplicate item id '{id}' in question '{header.Id}' (first at line {first.At.Line})");
                continue;
            }
            if (id is not null && text is not null && ev is not null)
            {
                items.Add(new OrderItem(id, text, ev, map.At));
            }
        }
        List<string>? expect = null;
        if (fields["expect"] is { } e)
        {
            expect = ReadIdList(e, problems);
            if (expect is not null && list is not null && problems.ErrorCount == before)
            {
                var ids = items.Select(i => i.Id).ToList();
                foreach (var id in expect.Where(id => !ids.Contains(id)))
                {
                    problems.Error(e.At, Suggest.Unknown("item", id, ids));
                }
                if (problems.ErrorCount == before && (expect.Count != ids.Count || expect.Distinct().Count() != ids.Count))
                {
                    problems.Error(e.At, $"'expect' must list every item once, in order: {string.Join(", ", ids)}");
                }
            }
        }
        return problems.ErrorCount != before ? null : new OrderQuestion
        {
            Id = header.Id,
            Prompt = header.Prompt,
            At = header.At,
            Items = items,
            Expect = expect,
            ExpectAt = fields["expect"]?.At,
        };
    }

    /// <summary>A list of ids: a YAML list, or one line of ids separated by commas.</summary>
    internal static List<string>? ReadIdList(YamlValue value, Problems problems)
    {
        if (value is YamlText { IsNull: false } text)
        {
            return SplitIds(text.Value);
        }
        if (Yaml.Read.List(value, problems, "expect") is not { } list)
        {
            return null;
        }
        var ids = list.Items.Select(i => Yaml.Read.Text(i, problems, "expect")).ToList();
        return ids.Any(i => i is null) ? null : [.. ids.OfType<string>()];
    }

    public override QuestionOutcome Evaluate(IProbeSource run)
    {
        var placed = Items
            .Select((item, index) => (item, index, at: run.FirstEvent(item.Event.Kind, item.Event.Subject)))
            .OrderBy(x => x.at is null ? 1 : 0)
            .ThenBy(x => x.at ?? 0)
            .ThenBy(x => x.index)
            .Select(x => new OrderedItem(x.item.Id, x.at))
            .ToList();
        return new OrderOutcome(Id, placed);
    }

    internal override void Check(QuestionOutcome outcome, ScenarioGrader.Replayer replay, Problems problems)
    {
        var order = (OrderOutcome)outcome;
        foreach (var missing in order.Items.Where(i => i.AtMs is null))
        {
            var item = Items.First(i => i.Id == missing.Id);
            problems.Error(item.At, $"event {item.Event} of item '{item.Id}' never happens in the simulation, so the order cannot be graded");
        }
        if (Expect is { } expected && !expected.SequenceEqual(order.Order))
        {
            problems.Error(ExpectAt!, $"expected the order {string.Join(", ", expected)} but the simulation says {Describe(order)}");
        }
    }

    private static string Describe(OrderOutcome order) =>
        string.Join(", ", order.Items.Select(i => i.AtMs is { } at ? $"{i.Id} ({Yaml.Read.Clock(at)})" : $"{i.Id} (never)"));

    public override void Validate(string answer, long durationMs) => Given(answer);

    /// <summary>Every item id once, in the learner's order.</summary>
    private List<string> Given(string answer)
    {
        var given = SplitIds(answer);
        var ids = Items.Select(i => i.Id).ToList();
        foreach (var id in given.Where(id => !ids.Contains(id)))
        {
            throw new AnswerException(Suggest.Unknown("item", id, ids) + $" in question '{Id}'");
        }
        if (given.Count != ids.Count || given.Distinct().Count() != ids.Count)
        {
            throw new AnswerException($"question '{Id}' is an order question: list every item once, separated by commas ({string.Join(",", ids)} in some order)");
        }
        return given;
    }

    internal override QuestionGrade Grade(string answer, QuestionOutcome outcome, ScenarioGrader.Replayer replay)
    {
        var order = (OrderOutcome)outcome;
        var given = Given(answer);
        var correct = given.SequenceEqual(order.Order);
        return new QuestionGrade(Id, Kind, answer, correct, string.Join(",", order.Order), [Describe(order)]);
    }
}
