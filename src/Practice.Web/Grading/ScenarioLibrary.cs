using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Data;
using Practice.Simulation;
using Scenario = Practice.Content.Scenarios.Scenario;

namespace Practice.Web.Grading;

/// <summary>A scenario as one stored version: the parsed file and the database row it came from.</summary>
public sealed record ScenarioAtVersion(long VersionId, Scenario Scenario, bool Retired);

/// <summary>A scenario version's own run (no learner action) in one variant, and whether <c>simulation_runs</c> holds it yet.</summary>
public sealed record BaseRun(string Key, ScenarioRun Run, bool Stored);

/// <summary>
/// Parsed scenarios, their own runs and stored re-runs, per version. A version's text never
/// changes and the simulation is deterministic, so each is read once per process and shared; it
/// only reads: the import and the grade's record step write runs.
/// </summary>
public sealed class ScenarioLibrary(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<long, Lazy<Scenario>> _parsed = new();
    private readonly ConcurrentDictionary<string, Lazy<ScenarioRun>> _runs = new();

    public static string BaseRunKey(long versionId) => $"v{versionId}:r{Practice.Simulation.Simulator.ModelRevision}:base";

    /// <summary>The own run of one variant: the version's base key, plus the variant's values for any but the scenario as written.</summary>
    public static string BaseRunKey(long versionId, Scenario scenario) => BaseRunKey(versionId) + VariantKey(scenario);

    /// <summary>
    /// "" for the scenario as written (every value its first), else <c>:x</c> and a hash of the
    /// values: seeds that draw the same values share their runs.
    /// </summary>
    public static string VariantKey(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var asWritten = scenario.Variables.Select(v => v.Values[0]).SequenceEqual(scenario.Variant.Values.Select(v => v.Value));
        return asWritten
            ? ""
            : ":x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scenario.Variant.ToString())))[..16];
    }

    /// <summary>
    /// The variant <paramref name="seed"/> of a version (itself for seed 0 or a scenario without
    /// variants), parsed once and kept while in use.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The seed is outside 0..<see cref="Content.Scenarios.ScenarioVariants.MaxSeed"/>.</exception>
    public ScenarioAtVersion AtSeed(ScenarioAtVersion scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seed, Content.Scenarios.ScenarioVariants.MaxSeed);
        if (seed == scenario.Scenario.Variant.Seed || !scenario.Scenario.HasVariants)
        {
            return scenario;
        }
        var variant = cache.GetOrCreate(("variant", scenario.VersionId, seed), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return scenario.Scenario.AtSeed(seed);
        })!;
        return scenario with { Scenario = variant };
    }

    public async Task<ScenarioAtVersion?> CurrentAsync(PracticeDbContext db, string scenarioId, CancellationToken cancellationToken)
    {
        var row = await db.Scenarios.AsNoTracking().Where(s => s.Id == scenarioId)
            .Select(s => new { s.CurrentVersionId, s.RetiredAt }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : await AtVersionAsync(db, row.CurrentVersionId, row.RetiredAt is not null, cancellationToken);
    }

    public async Task<ScenarioAtVersion?> AtVersionAsync(PracticeDbContext db, long versionId, bool retired, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue(versionId, out var cached))
        {
            return new ScenarioAtVersion(versionId, cached.Value, retired);
        }
        var version = await db.ScenarioVersions.AsNoTracking().Where(v => v.Id == versionId)
            .Select(v => new { v.SourcePath, v.Source }).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }
        var parsed = _parsed.GetOrAdd(versionId, _ => new Lazy<Scenario>(() => Parse(version.SourcePath, version.Source)));
        return new ScenarioAtVersion(versionId, parsed.Value, retired);
    }

    /// <summary>
    /// The version's own run: from memory, else from <c>simulation_runs</c> (stored at import),
    /// else, for a version imported before runs were stored, simulated now and marked unstored so
    /// the record step keeps it for every other process.
    /// </summary>
    public async Task<BaseRun> BaseRunAsync(PracticeDbContext db, ScenarioAtVersion scenario, CancellationToken cancellationToken)
    {
        var key = BaseRunKey(scenario.VersionId, scenario.Scenario);
        if (_runs.TryGetValue(key, out var cached))
        {
            // Another seed with the same values: the same run, measured against this variant's questions.
            var run = cached.Value;
            return new BaseRun(key, ReferenceEquals(run.Scenario, scenario.Scenario) ? run : RunOf(scenario.Scenario, run.Trace), Stored: true);
        }
        var stored = await db.SimulationRuns.AsNoTracking().Where(r => r.Key == key).Select(r => r.TraceJson).SingleOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            var run = _runs.GetOrAdd(key, _ => new Lazy<ScenarioRun>(() => RunOf(scenario.Scenario, Trace.FromJson(stored)))).Value;
            return new BaseRun(key, ReferenceEquals(run.Scenario, scenario.Scenario) ? run : RunOf(scenario.Scenario, run.Trace), Stored: true);
        }
        return new BaseRun(key, ScenarioGrader.Run(scenario.Scenario, cancellationToken), Stored: false);
    }

    /// <summary>The outcomes of every question on a trace already run.</summary>
    public static ScenarioRun RunOf(Scenario scenario, Trace trace) =>
        new(scenario, trace, [.. scenario.Questions.Select(q => q.Evaluate(trace))]);

    /// <summary>Whether this process has seen <c>simulation_runs</c> hold the run with this key.</summary>
    public bool KnownStored(string key) => cache.TryGetValue(("stored", key), out _);

    /// <summary>Notes runs seen stored, so that recording an equal runbook again skips a look-up.</summary>
    public void RememberStored(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            cache.Set(("stored", key), true, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        }
    }

    /// <summary>A stored runbook re-run's trace, read from the database once per process while in use.</summary>
    public async Task<Trace?> ReplayAsync(PracticeDbContext db, string key, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("replay", key), out Trace? trace))
        {
            return trace;
        }
        var json = await db.SimulationRuns.AsNoTracking().Where(r => r.Key == key).Select(r => r.TraceJson).SingleOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }
        trace = Trace.FromJson(json);
        // Sized by length: a learner reopening a result within the hour reads no JSON again.
        cache.Set(("replay", key), trace, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        return trace;
    }

    private static Scenario Parse(string path, string source)
    {
        var problems = new Problems();
        // The stored text passed the content check when it was imported; failing now is a bug.
        return Scenario.Parse(ContentFile.FromText(path, source), problems, readEveryValue: false)
            ?? throw new InvalidOperationException($"stored scenario {path} no longer parses: {string.Join("; ", problems.All.Select(p => p.ToString()))}");
    }
}
