using Practice.Content.Diagnostics;
using Practice.Content.Markdown;
using Practice.Content.Questions;
using Practice.Content.Yaml;
using Practice.Simulation.Model;

namespace Practice.Content.Scenarios;

/// <summary>A scenario file: the incident for the engine (<see cref="Spec"/>), its questions and the explanation.</summary>
public sealed record Scenario
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Module { get; init; }

    /// <summary>Components the scenario exercises (for mastery), as written (<c>kube-apiserver</c>, ...).</summary>
    public required IReadOnlyList<string> Components { get; init; }

    /// <summary>Exam domains (<see cref="Exams.ExamDomains"/>), the first the one exams weigh it under; empty when untagged.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>1 (warm-up) to 5 (hard).</summary>
    public required int Difficulty { get; init; }

    /// <summary>The timing profile, e.g. "1.34".</summary>
    public required string Kubernetes { get; init; }

    public required int Seed { get; init; }

    /// <summary>When the on-call engineer is paged (<c>paged:</c>); null for the default, a minute after the first fault.</summary>
    public long? PagedAtMs { get; init; }

    /// <summary>
    /// <c>console: true</c>: the practice page offers the incident console, whose actions answer the
    /// scenario's runbook question (at most one); without one, the console only reads.
    /// </summary>
    public bool Console { get; init; }

    /// <summary>How long after the first fault the on-call engineer is paged when the file does not say.</summary>
    public const long DefaultPageDelayMs = 60_000;

    /// <summary>When the learner is paged: <see cref="PagedAtMs"/>, else a minute after the first fault, or the end of a scenario without one.</summary>
    public long PagedMs
    {
        get
        {
            if (PagedAtMs is { } paged)
            {
                return paged;
            }
            var first = Spec.Timeline.OfType<Practice.Simulation.Model.FaultEntry>().Select(e => (long?)e.AtMs).Min();
            return Math.Min(Spec.DurationMs, first is { } at ? at + DefaultPageDelayMs : Spec.DurationMs);
        }
    }

    public required ScenarioSpec Spec { get; init; }
    public required IReadOnlyList<Question> Questions { get; init; }
    public required string ExplanationMarkdown { get; init; }
    public required string ExplanationHtml { get; init; }

    /// <summary>SHA-256 of the file's bytes, lowercase hex: a new version when it changes.</summary>
    public required string ContentHash { get; init; }

    public required string SourcePath { get; init; }
    public required string RawText { get; init; }

    /// <summary>Where the module was named, so the loader can report an unknown one.</summary>
    public required SourcePosition ModuleAt { get; init; }

    public required SourcePosition IdAt { get; init; }

    /// <summary>Where every front matter value is, by path: <c>cluster.workloads[0].replicas</c>, <c>questions[1].options[0].probe</c>.</summary>
    public required IReadOnlyDictionary<string, SourcePosition> Positions { get; init; }

    public Question? Question(string id) => Questions.FirstOrDefault(q => q.Id == id);

    /// <summary>What the scenario draws from a variant seed (<c>variants:</c>); empty when it has no variants.</summary>
    public IReadOnlyList<VariantVariable> Variables { get; init; } = [];

    /// <summary>The variant this is: its seed (0: as written) and the values it drew.</summary>
    public VariantChoice Variant { get; init; } = VariantChoice.None;

    public bool HasVariants => Variables.Count > 0;

    private static readonly string[] Known =
        ["id", "title", "module", "components", "domains", "difficulty", "kubernetes", "seed", "cluster", "timeline", "duration", "timings", "questions", "paged", "console", Placeholders.Section];

    /// <summary>
    /// Parses and validates a scenario file without running it; null when it has errors. The
    /// result is the scenario as written (variant seed 0); the file is also read with every
    /// value its variants can take (<see cref="ScenarioVariants.Sweep"/>), and what fails there
    /// is reported with the values that broke it.
    /// </summary>
    /// <param name="readEveryValue">False for a file that passed that check already (a stored version): skips the extra reads.</param>
    public static Scenario? Parse(ContentFile file, Problems problems, bool readEveryValue = true)
    {
        var local = new Problems();
        var scenario = ReadFile(file, local, 0);
        if (readEveryValue && scenario is { HasVariants: true } && !local.HasErrors)
        {
            var reported = new HashSet<string>();
            foreach (var choice in ScenarioVariants.Sweep(scenario.Variables))
            {
                var other = new Problems();
                ReadFile(file, other, null, choice);
                foreach (var problem in other.Errors.Where(p => reported.Add($"{p.At}: {p.Message}")))
                {
                    local.Error(problem.At, $"{problem.Message} (with {choice})");
                }
            }
        }
        problems.AddRange(local.All);
        return local.HasErrors ? null : scenario;
    }

    /// <summary>The same file with the values <paramref name="seed"/> draws (0: as written).</summary>
    /// <exception cref="InvalidOperationException">That variant does not read (a value the check's sweep did not cover).</exception>
    public Scenario AtSeed(int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seed, ScenarioVariants.MaxSeed);
        if (seed == Variant.Seed)
        {
            return this;
        }
        if (!HasVariants)
        {
            return this with { Variant = VariantChoice.None with { Seed = seed } };
        }
        var problems = new Problems();
        return ReadFile(new ContentFile(SourcePath, RawText, ContentHash), problems, seed) is { } variant && !problems.HasErrors
            ? variant
            : throw new InvalidOperationException($"scenario '{Id}' does not read with variant seed {seed}: {string.Join("; ", problems.Errors.Select(p => p.ToString()))}");
    }

    private static Scenario? ReadFile(ContentFile file, Problems problems, int? variantSeed, VariantChoice? chosen = null)
    {
        var names = new ScenarioNames();
        var front = FrontMatter.Read(file.Path, file.Text, problems);
        if (front.Root is null)
        {
            return null;
        }
        var before = problems.ErrorCount;
        var variables = ScenarioVariants.Read(front.Root.Entries.FirstOrDefault(e => e.Key.Value == Placeholders.Section)?.Value, problems);
        if (problems.ErrorCount != before)
        {
            // Without every value, each placeholder would be one more error: fix the variants first.
            return null;
        }
        var choice = chosen ?? ScenarioVariants.Choose(variables, variantSeed ?? 0);
        // Unknown placeholders are the same in every variant: the file as written reports them.
        var placeholders = new Placeholders(choice, variables, variantSeed == 0 ? problems : null);
        var root = placeholders.Apply(front.Root);
        var body = placeholders.ApplyBody(front.Body, file.Path, front.BodyLine);
        var reader = new ScenarioReader(problems, names);
        var f = new Fields(root, problems, Known);
        var id = Read.Slug(f.Required("id"), problems, "id");
        var title = Read.Text(f.Required("title"), problems, "title");
        var module = Read.Slug(f.Required("module"), problems, "module");
        var components = ReadComponents(f.Required("components"), problems);
        var domains = f["domains"] is { } d ? ReadDomains(d, problems) : [];
        var difficulty = Read.Int(f.Required("difficulty"), problems, "difficulty", 1, 5);
        var kubernetes = TimingProfile.DefaultVersion;
        if (f["kubernetes"] is { } k && Read.Text(k, problems, "kubernetes") is { } version)
        {
            if (TimingProfile.KnownVersions.Contains(version))
            {
                kubernetes = version;
            }
            else
            {
                problems.Error(k.At, Suggest.Unknown("Kubernetes timing profile", version, TimingProfile.KnownVersions));
            }
        }
        var seed = f["seed"] is { } s ? Read.Int(s, problems, "seed", 0) : 1;
        var duration = Read.Duration(f.Required("duration"), problems, "duration");
        if (duration is 0)
        {
            problems.Error(f["duration"]!.At, "'duration' must be longer than 0s");
        }
        // Without a readable duration, times cannot be checked against it; do not pile on errors.
        names.DurationMs = duration ?? long.MaxValue;
        long? paged = null;
        if (f["paged"] is { } p && Read.Duration(p, problems, "paged") is { } pagedMs)
        {
            if (duration is { } end && pagedMs > end)
            {
                problems.Error(p.At, $"'paged' at {Read.Time(pagedMs)} is after the end of the scenario (duration {Read.Time(end)})");
            }
            paged = pagedMs;
        }
        var cluster = reader.ReadCluster(f.Required("cluster"));
        var timings = reader.ReadTimings(f["timings"]);
        reader.CollectAddedNodes(f["timeline"]);
        var timeline = reader.ReadTimeline(f["timeline"]);

        var questions = new List<Question>();
        var questionList = Read.List(f.Required("questions"), problems, "questions");
        if (questionList is { Items.Count: 0 })
        {
            problems.Error(questionList.At, "a scenario needs at least one question");
        }
        foreach (var item in questionList?.Items ?? [])
        {
            if (Read.Map(item, problems, "questions") is not { } map)
            {
                continue;
            }
            var question = Content.Questions.Question.Read(map, reader);
            if (question is null)
            {
                continue;
            }
            if (questions.FirstOrDefault(q => q.Id == question.Id) is { } first)
            {
                var idAt = map.Entries.First(e => e.Key.Value == "id").Value.At;
                problems.Error(idAt, $"duplicate question id '{question.Id}' (first at line {first.At.Line})");
                continue;
            }
            questions.Add(question);
        }

        var console = f["console"] is { } c && Read.Bool(c, problems, "console") == true;
        if (console && questions.Count(q => q is RunbookQuestion) > 1)
        {
            problems.Error(f["console"]!.At, $"the console answers one runbook question, but this scenario has {questions.Count(q => q is RunbookQuestion)}");
        }

        var rendered = MarkdownRenderer.Render(body);
        foreach (var callout in rendered.UnknownCallouts)
        {
            problems.Error(new SourcePosition(file.Path, front.BodyLine + callout.Line - 1, 1), Lessons.Lesson.UnknownCalloutMessage(callout.Marker));
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Error(new SourcePosition(file.Path, front.BodyLine, 1), "the scenario has no explanation after its front matter");
        }

        if (problems.HasErrors || id is null || title is null || module is null || components is null || difficulty is null
            || seed is null || duration is null || cluster is null || timings is null || timeline is null)
        {
            return null;
        }
        return new Scenario
        {
            Id = id,
            Title = title,
            Module = module,
            Components = components,
            Domains = domains ?? [],
            Difficulty = difficulty.Value,
            Kubernetes = kubernetes,
            Seed = seed.Value,
            PagedAtMs = paged,
            Console = console,
            Spec = new ScenarioSpec
            {
                Id = id,
                KubernetesVersion = kubernetes,
                Seed = seed.Value,
                Cluster = cluster,
                Timeline = timeline,
                DurationMs = duration.Value,
                Timings = timings,
            },
            Questions = questions,
            ExplanationMarkdown = body,
            ExplanationHtml = rendered.Html,
            ContentHash = file.Hash,
            SourcePath = file.Path,
            RawText = file.Text,
            ModuleAt = f["module"]!.At,
            IdAt = f["id"]!.At,
            Positions = YamlPaths.Of(front.Root),
            Variables = variables,
            Variant = choice,
        };
    }

    private static List<string>? ReadDomains(YamlValue value, Problems problems)
    {
        if (Read.List(value, problems, "domains") is not { } list)
        {
            return null;
        }
        var domains = new List<string>();
        foreach (var item in list.Items)
        {
            if (Read.Text(item, problems, "domains") is not { } name)
            {
                continue;
            }
            if (!Exams.ExamDomains.Names.ContainsKey(name))
            {
                problems.Error(item.At, Suggest.Unknown("exam domain", name, Exams.ExamDomains.Slugs));
            }
            else if (domains.Contains(name))
            {
                problems.Error(item.At, $"domain '{name}' is listed twice");
            }
            else
            {
                domains.Add(name);
            }
        }
        return domains;
    }

    private static List<string>? ReadComponents(YamlValue? value, Problems problems)
    {
        if (Read.List(value, problems, "components") is not { } list)
        {
            return null;
        }
        if (list.Items.Count == 0)
        {
            problems.Error(list.At, "'components' needs at least one component the scenario exercises");
            return null;
        }
        var names = new List<string>();
        foreach (var item in list.Items)
        {
            if (Read.Text(item, problems, "components") is not { } name)
            {
                continue;
            }
            if (!Simulation.Model.Components.TryParse(name, out _))
            {
                problems.Error(item.At, Suggest.Unknown("component", name, Simulation.Model.Components.Names));
                continue;
            }
            if (names.Contains(name))
            {
                problems.Error(item.At, $"component '{name}' is listed twice");
                continue;
            }
            names.Add(name);
        }
        return names.Count == list.Items.Count ? names : null;
    }
}
