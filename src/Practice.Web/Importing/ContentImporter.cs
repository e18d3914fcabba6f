using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Catalog;
using Practice.Web.Grading;

namespace Practice.Web.Importing;

/// <summary>
/// Writes a checked content snapshot into Postgres in one transaction. Files are upserted by id;
/// a changed file gets a new version row keyed by its content hash; an unchanged file writes
/// nothing; a file gone from disk is retired, never deleted, so old attempts keep their version.
/// Each scenario version's own run (simulated by the check) is stored with it, so no process
/// simulates it again.
/// </summary>
public sealed class ContentImporter(PracticeDbContext db, TimeProvider clock, ContentCache cache)
{
    // Any number of web replicas may import at start; they take turns on this lock.
    private const long ImportLockKey = 0x50524143_54494345; // "PRACTICE"

    public async Task<ImportSummary> ImportAsync(ContentSnapshot snapshot, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", cancellationToken);
            var now = clock.GetUtcNow();

            var modulesChanged = await ImportModulesAsync(snapshot.Modules, now, cancellationToken);
            var lessons = await StageVersionsAsync(
                db.LessonVersions, nameof(LessonVersion.LessonId), snapshot.Lessons, l => l.Id, l => l.ContentHash,
                l => new LessonVersion
                {
                    LessonId = l.Id, ContentHash = l.ContentHash, ModuleId = l.ModuleId, Title = l.Title, Summary = l.Summary,
                    Order = l.Order, Minutes = l.Minutes, SourcePath = l.SourcePath, Source = l.Source, Html = l.Html,
                    TocJson = l.TocJson, ImportedAt = now,
                }, cancellationToken);
            var scenarios = await StageVersionsAsync(
                db.ScenarioVersions, nameof(ScenarioVersion.ScenarioId), snapshot.Scenarios, s => s.Id, s => s.ContentHash,
                s => new ScenarioVersion
                {
                    ScenarioId = s.Id, ContentHash = s.ContentHash, ModuleId = s.ModuleId, Title = s.Title,
                    Difficulty = s.Difficulty, Components = s.Components, QuestionKinds = s.QuestionKinds,
                    SourcePath = s.SourcePath, Source = s.Source, ImportedAt = now,
                }, cancellationToken);
            // New versions get their ids here; everything else below points at them and is written once.
            await db.SaveChangesAsync(cancellationToken);

            var lessonsRetired = await PointIdentitiesAsync(db.Lessons, lessons, (id, versionId) => new Lesson { Id = id, CurrentVersionId = versionId }, now, cancellationToken);
            var scenariosRetired = await PointIdentitiesAsync(db.Scenarios, scenarios, (id, versionId) => new Scenario { Id = id, CurrentVersionId = versionId }, now, cancellationToken);
            await StageBaseRunsAsync(snapshot.Scenarios, scenarios, now, cancellationToken);

            var examsChanged = ImportExams(await db.ExamBlueprints.ToListAsync(cancellationToken), snapshot.Exams ?? [], now);
            var summary = new ImportSummary(lessons.Added, scenarios.Added, lessonsRetired + scenariosRetired, modulesChanged, examsChanged);
            if (summary.ChangedAnything)
            {
                db.ContentImports.Add(new ContentImport
                {
                    At = now,
                    LessonVersionsAdded = summary.LessonVersionsAdded,
                    ScenarioVersionsAdded = summary.ScenarioVersionsAdded,
                    Retired = summary.Retired,
                });
            }
            // Identities moved to another version or back from retirement, runs, the import record: one write.
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (summary.ChangedAnything)
            {
                cache.Invalidate();
            }
            return summary;
        });
    }

    /// <summary>Blueprints by id: new ones added, changed ones replaced, gone ones retired. How many changed.</summary>
    private int ImportExams(List<ExamBlueprintRow> existing, IReadOnlyList<ExamSnapshot> incoming, DateTimeOffset now)
    {
        var changed = 0;
        foreach (var exam in incoming)
        {
            var row = existing.FirstOrDefault(e => e.Id == exam.Id);
            if (row is null)
            {
                db.ExamBlueprints.Add(new ExamBlueprintRow { Id = exam.Id, Title = exam.Title, ContentHash = exam.ContentHash, Source = exam.Source, ImportedAt = now });
                changed++;
            }
            else if (row.ContentHash != exam.ContentHash || row.RetiredAt is not null)
            {
                (row.Title, row.ContentHash, row.Source, row.ImportedAt, row.RetiredAt) = (exam.Title, exam.ContentHash, exam.Source, now, null);
                changed++;
            }
        }
        foreach (var gone in existing.Where(e => e.RetiredAt is null && incoming.All(i => i.Id != e.Id)))
        {
            gone.RetiredAt = now;
            changed++;
        }
        return changed;
    }

    /// <summary>Staged versions: each file's version (new ones not saved yet) and how many are new.</summary>
    private sealed record Staged<TVersion>(IReadOnlyList<(string Id, long KnownId, TVersion? New)> Items, int Added)
        where TVersion : class, IContentVersion
    {
        public long VersionIdOf(int index) => Items[index].New?.Id ?? Items[index].KnownId;
    }

    private async Task<int> ImportModulesAsync(IReadOnlyList<ModuleSnapshot> modules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Modules.ToDictionaryAsync(m => m.Id, cancellationToken);
        var changed = 0;
        for (var position = 0; position < modules.Count; position++)
        {
            var incoming = modules[position];
            if (!existing.Remove(incoming.Id, out var module))
            {
                db.Modules.Add(new Module { Id = incoming.Id, Title = incoming.Title, Summary = incoming.Summary, Position = position });
                changed++;
            }
            else if (module.Title != incoming.Title || module.Summary != incoming.Summary || module.Position != position || module.RetiredAt is not null)
            {
                (module.Title, module.Summary, module.Position, module.RetiredAt) = (incoming.Title, incoming.Summary, position, null);
                changed++;
            }
        }
        foreach (var gone in existing.Values.Where(m => m.RetiredAt is null))
        {
            gone.RetiredAt = now;
            changed++;
        }
        return changed;
    }

    /// <summary>The one rule for lessons and scenarios alike: a new hash is a new version.</summary>
    private async Task<Staged<TVersion>> StageVersionsAsync<TVersion, TSnapshot>(
        DbSet<TVersion> versions, string ownerProperty, IReadOnlyList<TSnapshot> incoming,
        Func<TSnapshot, string> idOf, Func<TSnapshot, string> hashOf, Func<TSnapshot, TVersion> newVersion, CancellationToken cancellationToken)
        where TVersion : class, IContentVersion
    {
        var known = (await versions
                .Select(v => new { v.Id, v.ContentHash, Owner = EF.Property<string>(v, ownerProperty) })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => (v.Owner, v.ContentHash), v => v.Id);
        var items = new List<(string, long, TVersion?)>();
        foreach (var item in incoming)
        {
            if (known.TryGetValue((idOf(item), hashOf(item)), out var versionId))
            {
                items.Add((idOf(item), versionId, null));
                continue;
            }
            var version = newVersion(item);
            versions.Add(version);
            items.Add((idOf(item), 0, version));
        }
        return new Staged<TVersion>(items, items.Count(i => i.Item3 is not null));
    }

    /// <summary>Points each id at its version (creating the id if new) and retires ids gone from disk.</summary>
    private async Task<int> PointIdentitiesAsync<TContent, TVersion>(DbSet<TContent> identities, Staged<TVersion> staged,
        Func<string, long, TContent> newIdentity, DateTimeOffset now, CancellationToken cancellationToken)
        where TContent : class, IVersionedContent
        where TVersion : class, IContentVersion
    {
        var existing = await identities.ToDictionaryAsync(c => c.Id, cancellationToken);
        for (var i = 0; i < staged.Items.Count; i++)
        {
            var id = staged.Items[i].Id;
            var versionId = staged.VersionIdOf(i);
            if (!existing.Remove(id, out var identity))
            {
                identities.Add(newIdentity(id, versionId));
            }
            else if (identity.CurrentVersionId != versionId || identity.RetiredAt is not null)
            {
                (identity.CurrentVersionId, identity.RetiredAt) = (versionId, null);
            }
        }
        var retired = 0;
        foreach (var gone in existing.Values.Where(c => c.RetiredAt is null))
        {
            gone.RetiredAt = now;
            retired++;
        }
        return retired;
    }

    /// <summary>Stores each imported version's own run unless it is stored already (also for versions imported before runs were kept).</summary>
    private async Task<int> StageBaseRunsAsync(IReadOnlyList<ScenarioSnapshot> snapshots, Staged<ScenarioVersion> staged, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = snapshots.Select((s, i) => (Snapshot: s, VersionId: staged.VersionIdOf(i), Key: ScenarioLibrary.BaseRunKey(staged.VersionIdOf(i))))
            .Where(w => w.Snapshot.BaseRunJson is not null).ToList();
        var keys = wanted.Select(w => w.Key).ToList();
        var stored = (await db.SimulationRuns.AsNoTracking().Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;
        foreach (var (snapshot, versionId, key) in wanted.Where(w => !stored.Contains(w.Key)))
        {
            db.SimulationRuns.Add(new SimulationRun { Key = key, ScenarioVersionId = versionId, TraceJson = snapshot.BaseRunJson!, CreatedAt = now });
            added++;
        }
        return added;
    }
}
