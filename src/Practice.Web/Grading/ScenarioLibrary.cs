using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Scenarios;
using Practice.Data;
using Scenario = Practice.Content.Scenarios.Scenario;

namespace Practice.Web.Grading;

/// <summary>A scenario as one stored version: the parsed file and the database row it came from.</summary>
public sealed record ScenarioAtVersion(long VersionId, Scenario Scenario, bool Retired);

/// <summary>
/// Parsed scenarios and their no-action runs, per stored version. A version's text never changes
/// and the simulation is deterministic, so both are computed once per process and shared.
/// </summary>
public sealed class ScenarioLibrary
{
    private readonly ConcurrentDictionary<long, Lazy<Scenario>> _parsed = new();
    private readonly ConcurrentDictionary<long, Lazy<ScenarioRun>> _runs = new();

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
    /// The scenario's own run (no learner action): from memory, else from <c>simulation_runs</c>
    /// (a worker may have computed it), else simulated now and stored for every other process.
    /// </summary>
    public async Task<ScenarioRun> RunOfAsync(PracticeDbContext db, ScenarioAtVersion scenario, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(scenario.VersionId, out var cached))
        {
            return cached.Value;
        }
        var key = $"v{scenario.VersionId}:base";
        var stored = await db.SimulationRuns.AsNoTracking().Where(r => r.Key == key).Select(r => r.TraceJson).SingleOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            var trace = Practice.Simulation.Trace.FromJson(stored);
            return _runs.GetOrAdd(scenario.VersionId, _ => new Lazy<ScenarioRun>(() =>
                new ScenarioRun(scenario.Scenario, trace, [.. scenario.Scenario.Questions.Select(q => q.Evaluate(trace))]))).Value;
        }
        var run = _runs.GetOrAdd(scenario.VersionId, _ => new Lazy<ScenarioRun>(() => ScenarioGrader.Run(scenario.Scenario, cancellationToken))).Value;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO simulation_runs ("Key", "ScenarioVersionId", "TraceJson", "CreatedAt") VALUES ({key}, {scenario.VersionId}, {run.Trace.ToJson()}, {DateTimeOffset.UtcNow}) ON CONFLICT ("Key") DO NOTHING""",
            cancellationToken);
        return run;
    }

    /// <summary>
    /// Keeps a runbook re-run's trace for the result page, keyed by the version, the question and
    /// the normalized actions, so equal answers share one stored run.
    /// </summary>
    public async Task<string> StoreReplayAsync(PracticeDbContext db, long versionId, string questionId, RunbookReplay replay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var actions = string.Join(',', replay.Actions.Select(a => $"{a.ChoiceId}@{a.AtMs}"));
        var key = $"v{versionId}:{questionId}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(actions)))[..32]}";
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO simulation_runs ("Key", "ScenarioVersionId", "TraceJson", "CreatedAt") VALUES ({key}, {versionId}, {replay.Trace.ToJson()}, {now}) ON CONFLICT ("Key") DO NOTHING""",
            cancellationToken);
        return key;
    }

    /// <summary>A stored re-run's trace, or null.</summary>
    public static async Task<Practice.Simulation.Trace?> ReplayAsync(PracticeDbContext db, string key, CancellationToken cancellationToken)
    {
        var json = await db.SimulationRuns.AsNoTracking().Where(r => r.Key == key).Select(r => r.TraceJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : Practice.Simulation.Trace.FromJson(json);
    }

    private static Scenario Parse(string path, string source)
    {
        var problems = new Problems();
        // The stored text passed the content check when it was imported; failing now is a bug.
        return Scenario.Parse(ContentFile.FromText(path, source), problems)
            ?? throw new InvalidOperationException($"stored scenario {path} no longer parses: {string.Join("; ", problems.All.Select(p => p.ToString()))}");
    }
}
