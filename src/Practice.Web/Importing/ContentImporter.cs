using Microsoft.EntityFrameworkCore;
using Practice.Data;

namespace Practice.Web.Importing;

/// <summary>
/// Writes a checked content snapshot into Postgres in one transaction. Files are upserted by id;
/// a changed file gets a new version row keyed by its content hash; an unchanged file writes
/// nothing; a file gone from disk is retired, never deleted, so old attempts keep their version.
/// </summary>
public sealed class ContentImporter(PracticeDbContext db, TimeProvider clock, Catalog.ContentCache cache)
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
            var lessons = await ImportVersionedAsync(
                db.Lessons, db.LessonVersions, nameof(LessonVersion.LessonId), snapshot.Lessons, l => l.Id, l => l.ContentHash,
                l => new LessonVersion
                {
                    LessonId = l.Id, ContentHash = l.ContentHash, ModuleId = l.ModuleId, Title = l.Title, Summary = l.Summary,
                    Order = l.Order, Minutes = l.Minutes, SourcePath = l.SourcePath, Source = l.Source, Html = l.Html,
                    TocJson = l.TocJson, ImportedAt = now,
                },
                (id, versionId) => new Lesson { Id = id, CurrentVersionId = versionId },
                now, cancellationToken);
            var scenarios = await ImportVersionedAsync(
                db.Scenarios, db.ScenarioVersions, nameof(ScenarioVersion.ScenarioId), snapshot.Scenarios, s => s.Id, s => s.ContentHash,
                s => new ScenarioVersion
                {
                    ScenarioId = s.Id, ContentHash = s.ContentHash, ModuleId = s.ModuleId, Title = s.Title,
                    Difficulty = s.Difficulty, Components = s.Components, QuestionKinds = s.QuestionKinds,
                    SourcePath = s.SourcePath, Source = s.Source, ImportedAt = now,
                },
                (id, versionId) => new Scenario { Id = id, CurrentVersionId = versionId },
                now, cancellationToken);

            var summary = new ImportSummary(lessons.Added, scenarios.Added, lessons.Retired + scenarios.Retired, modulesChanged);
            if (summary.ChangedAnything)
            {
                db.ContentImports.Add(new ContentImport
                {
                    At = now,
                    LessonVersionsAdded = summary.LessonVersionsAdded,
                    ScenarioVersionsAdded = summary.ScenarioVersionsAdded,
                    Retired = summary.Retired,
                });
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
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>The one rule for lessons and scenarios alike: new hash, new version; gone from disk, retired.</summary>
    private async Task<(int Added, int Retired)> ImportVersionedAsync<TContent, TVersion, TSnapshot>(
        DbSet<TContent> identities, DbSet<TVersion> versions, string ownerProperty,
        IReadOnlyList<TSnapshot> incoming, Func<TSnapshot, string> idOf, Func<TSnapshot, string> hashOf,
        Func<TSnapshot, TVersion> newVersion, Func<string, long, TContent> newIdentity,
        DateTimeOffset now, CancellationToken cancellationToken)
        where TContent : class, IVersionedContent
        where TVersion : class, IContentVersion
    {
        var existing = await identities.ToDictionaryAsync(c => c.Id, cancellationToken);
        var known = (await versions
                .Select(v => new { v.Id, v.ContentHash, Owner = EF.Property<string>(v, ownerProperty) })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => (v.Owner, v.ContentHash), v => v.Id);
        var added = 0;
        foreach (var item in incoming)
        {
            existing.Remove(idOf(item), out var identity);
            if (!known.TryGetValue((idOf(item), hashOf(item)), out var versionId))
            {
                var version = newVersion(item);
                versions.Add(version);
                await db.SaveChangesAsync(cancellationToken);
                versionId = version.Id;
                added++;
            }
            if (identity is null)
            {
                identities.Add(newIdentity(idOf(item), versionId));
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
        await db.SaveChangesAsync(cancellationToken);
        return (added, retired);
    }
}
