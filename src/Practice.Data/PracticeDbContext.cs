using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Practice.Data;

/// <summary>
/// The application's database. Entity configurations live one per entity in
/// <c>EntityConfigurations/</c>.
/// </summary>
/// <remarks>
/// Add a migration from the repository root with:
/// <code>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project migrations --startup-project migrations --output-dir Migrations</code>
/// The design-time factory (<see cref="DesignTimeDbContextFactory"/>) needs no running database
/// for that; <c>./practice db migrate</c> applies migrations.
/// </remarks>
public sealed class PracticeDbContext(DbContextOptions<PracticeDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Antiforgery and cookie keys, shared by every web replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Module> Modules => Set<Module>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<LessonVersion> LessonVersions => Set<LessonVersion>();
    public DbSet<Scenario> Scenarios => Set<Scenario>();
    public DbSet<ScenarioVersion> ScenarioVersions => Set<ScenarioVersion>();
    public DbSet<ContentImport> ContentImports => Set<ContentImport>();
    public DbSet<Attempt> Attempts => Set<Attempt>();
    public DbSet<SimulationRun> SimulationRuns => Set<SimulationRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PracticeDbContext).Assembly);
}
