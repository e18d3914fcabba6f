using Practice.Content.Diagnostics;
using Practice.Content.Scenarios;
using Practice.Content.Yaml;

namespace Practice.Content.Exams;

/// <summary>A domain's share of an exam, in percent, and where the blueprint says so.</summary>
public sealed record DomainWeight(string Domain, int Percent, SourcePosition At);

/// <summary>
/// <c>content/exams/*.yml</c>: a timed mock exam's recipe. How long, how many scenarios, the pass
/// mark, and how the scenarios are weighted across exam domains (a scenario counts under its first
/// domain); optionally only one module, or a difficulty range.
/// </summary>
public sealed record ExamBlueprint
{
    private static readonly string[] Known = ["id", "title", "duration", "scenarios", "passMark", "weights", "module", "difficulty"];

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required long DurationMs { get; init; }
    public required int Scenarios { get; init; }

    /// <summary>Percent of the questions right to pass.</summary>
    public required int PassMark { get; init; }

    public required IReadOnlyList<DomainWeight> Weights { get; init; }
    public string? Module { get; init; }
    public int MinDifficulty { get; init; } = 1;
    public int MaxDifficulty { get; init; } = 5;

    public required string ContentHash { get; init; }
    public required string SourcePath { get; init; }
    public required string RawText { get; init; }
    public required SourcePosition IdAt { get; init; }
    public SourcePosition? ModuleAt { get; init; }
    public required SourcePosition ScenariosAt { get; init; }

    /// <summary>Parses and validates a blueprint on its own; null when it has errors (see <see cref="Check"/> for the content).</summary>
    public static ExamBlueprint? Parse(ContentFile file, Problems problems)
    {
        var local = new Problems();
        var root = FrontMatter.ParseFile(file.Path, file.Text, local);
        ExamBlueprint? blueprint = null;
        if (root is not null)
        {
            var f = new Fields(root, local, Known);
            var id = Read.Slug(f.Required("id"), local, "id");
            var title = Read.Text(f.Required("title"), local, "title");
            var duration = Read.Duration(f.Required("duration"), local, "duration");
            if (duration is { } d && (d <= 0 || d > TimeSpan.FromHours(4).TotalMilliseconds))
            {
                local.Error(f["duration"]!.At, "'duration' must be more than 0s and at most 4h");
            }
            var count = Read.Int(f.Required("scenarios"), local, "scenarios", 1, 50);
            var passMark = Read.Int(f.Required("passMark"), local, "passMark", 1, 100);
            var module = f["module"] is { } m ? Read.Slug(m, local, "module") : null;
            var (min, max) = (1, 5);
            if (f["difficulty"] is { } range && Read.List(range, local, "difficulty") is { } bounds)
            {
                if (bounds.Items.Count != 2)
                {
                    local.Error(bounds.At, "'difficulty' is a range of two numbers from 1 to 5, e.g. [1, 3]");
                }
                else if (Read.Int(bounds.Items[0], local, "difficulty", 1, 5) is { } lo && Read.Int(bounds.Items[1], local, "difficulty", 1, 5) is { } hi)
                {
                    if (lo > hi)
                    {
                        local.Error(bounds.At, $"'difficulty' goes from {lo} down to {hi}: give the lower bound first");
                    }
                    (min, max) = (lo, hi);
                }
            }
            var weights = ReadWeights(f.Required("weights"), local);
            if (!local.HasErrors && id is not null && title is not null && duration is not null && count is not null && passMark is not null && weights is not null)
            {
                blueprint = new ExamBlueprint
                {
                    Id = id, Title = title, DurationMs = duration.Value, Scenarios = count.Value, PassMark = passMark.Value,
                    Weights = weights, Module = module, MinDifficulty = min, MaxDifficulty = max,
                    ContentHash = file.Hash, SourcePath = file.Path, RawText = file.Text,
                    IdAt = f["id"]!.At, ModuleAt = f["module"]?.At, ScenariosAt = f["scenarios"]!.At,
                };
            }
        }
        problems.AddRange(local.All);
        return blueprint;
    }

    /// <summary>
    /// How many scenarios each domain gets: its share of <see cref="Scenarios"/>, rounded down, then
    /// the ones left over to the largest remainders (the domain listed first on a tie).
    /// </summary>
    public IReadOnlyList<(string Domain, int Count)> Quotas()
    {
        var exact = Weights.Select((w, i) => (w.Domain, Index: i, Share: w.Percent * Scenarios / 100.0)).ToList();
        var counts = exact.ToDictionary(e => e.Domain, e => (int)Math.Floor(e.Share));
        var left = Scenarios - counts.Values.Sum();
        foreach (var e in exact.OrderByDescending(e => e.Share - Math.Floor(e.Share)).ThenBy(e => e.Index).Take(left))
        {
            counts[e.Domain]++;
        }
        return [.. Weights.Select(w => (w.Domain, counts[w.Domain]))];
    }

    /// <summary>The scenarios this blueprint draws from: in its module and difficulty range, tagged with a domain.</summary>
    public IEnumerable<Scenario> Eligible(IEnumerable<Scenario> scenarios) =>
        scenarios.Where(s => (Module is null || s.Module == Module) && s.Difficulty >= MinDifficulty && s.Difficulty <= MaxDifficulty && s.Domains.Count > 0);

    /// <summary>
    /// A sitting's scenarios, drawn with <paramref name="seed"/>: for each domain in the
    /// blueprint's order, its quota of eligible scenarios whose first domain it is, picked by a
    /// hash of the seed and the scenario id (the same seed and content always draw the same).
    /// Throws when the content no longer meets the weights (the check said it did at import).
    /// </summary>
    public IReadOnlyList<(Scenario Scenario, string Domain)> Draw(IReadOnlyList<Scenario> scenarios, int seed)
    {
        var eligible = Eligible(scenarios).ToList();
        var drawn = new List<(Scenario, string)>();
        foreach (var (domain, count) in Quotas())
        {
            var picked = eligible.Where(s => s.Domains[0] == domain).OrderBy(s => DrawKey(seed, s.Id)).ThenBy(s => s.Id, StringComparer.Ordinal).Take(count).ToList();
            if (picked.Count < count)
            {
                throw new InvalidOperationException($"exam '{Id}' needs {count} '{domain}' scenarios and the content has {picked.Count}");
            }
            drawn.AddRange(picked.Select(s => (s, domain)));
        }
        return drawn;
    }

    private static ulong DrawKey(int seed, string id) =>
        BitConverter.ToUInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}:{id}")), 0);

    /// <summary>Checks the blueprint against the content: a known module, and enough scenarios for every domain's quota.</summary>
    public void Check(IReadOnlyList<Scenario> scenarios, IReadOnlyCollection<string>? moduleIds, Problems problems)
    {
        if (Module is not null && moduleIds is not null && !moduleIds.Contains(Module))
        {
            problems.Error(ModuleAt!, Suggest.Unknown("module", Module, moduleIds) + " (see course.yml)");
            return;
        }
        var eligible = Eligible(scenarios).ToList();
        var where = $"{(Module is null ? "in the course" : $"in module '{Module}'")}, difficulty {MinDifficulty} to {MaxDifficulty}";
        foreach (var (domain, count) in Quotas())
        {
            var have = eligible.Count(s => s.Domains[0] == domain);
            if (have < count)
            {
                var weight = Weights.First(w => w.Domain == domain);
                problems.Error(weight.At, $"weight {weight.Percent} of {Scenarios} scenarios needs {count} whose first domain is '{domain}', but there {(have == 1 ? "is" : "are")} {have} {where}");
            }
        }
    }

    private static List<DomainWeight>? ReadWeights(YamlValue? value, Problems problems)
    {
        if (Read.Map(value, problems, "weights") is not { } map)
        {
            return null;
        }
        var weights = new List<DomainWeight>();
        var before = problems.ErrorCount;
        foreach (var entry in map.Entries)
        {
            var domain = entry.Key.Value;
            if (!ExamDomains.Names.ContainsKey(domain))
            {
                problems.Error(entry.Key.At, Suggest.Unknown("exam domain", domain, ExamDomains.Slugs));
                continue;
            }
            if (weights.Any(w => w.Domain == domain))
            {
                problems.Error(entry.Key.At, $"domain '{domain}' is weighted twice");
                continue;
            }
            if (Read.Int(entry.Value, problems, $"weights.{domain}", 1, 100) is { } percent)
            {
                weights.Add(new DomainWeight(domain, percent, entry.Key.At));
            }
        }
        if (problems.ErrorCount != before)
        {
            return null;
        }
        if (weights.Count == 0)
        {
            problems.Error(map.At, "'weights' needs at least one domain");
            return null;
        }
        if (weights.Sum(w => w.Percent) is var total and not 100)
        {
            problems.Error(map.At, $"the weights add up to {total}, not 100");
            return null;
        }
        return weights;
    }
}
