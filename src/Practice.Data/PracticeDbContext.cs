using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Practice.Data;

/// <summary>
/// The application's database: Identity's accounts, the imported course, attempts. Entities live a file per aggregate in <c>Entities/</c>, their
/// configurations one per entity in <c>EntityConfigurations/</c>.
/// </summary>
/// <remarks>
/// The migrations are in their own assembly (<c>migrations/</c> at the repository root); add one
/// from the root with:
/// <code>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project migrations --startup-project migrations --output-dir Migrations</code>
/// Its design-time factory needs no running database for that; <c>./practice db migrate</c>
/// applies migrations.
/// </remarks>
public sealed class PracticeDbContext(DbContextOptions<PracticeDbContext> options) : IdentityDbContext<PracticeUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The assembly that holds the migrations; every place that configures Npgsql names it.</summary>
    public const string MigrationsAssembly = "Practice.Migrations";

    /// <summary>Antiforgery and cookie keys, shared by every web replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Module> Modules => Set<Module>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<LessonVersion> LessonVersions => Set<LessonVersion>();
    public DbSet<Scenario> Scenarios => Set<Scenario>();
    public DbSet<ScenarioVersion> ScenarioVersions => Set<ScenarioVersion>();
    public DbSet<ContentImport> ContentImports => Set<ContentImport>();
    public DbSet<Attempt> Attempts => Set<Attempt>();
    public DbSet<AttemptAnswer> AttemptAnswers => Set<AttemptAnswer>();
    public DbSet<SimulationRun> SimulationRuns => Set<SimulationRun>();
    public DbSet<LearnerMerge> LearnerMerges => Set<LearnerMerge>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<TeamInvite> TeamInvites => Set<TeamInvite>();
    public DbSet<LiveSession> LiveSessions => Set<LiveSession>();
    public DbSet<LiveParticipant> LiveParticipants => Set<LiveParticipant>();
    public DbSet<LiveAnswer> LiveAnswers => Set<LiveAnswer>();
    public DbSet<ReviewCard> ReviewCards => Set<ReviewCard>();
    public DbSet<ReviewLog> ReviewLogs => Set<ReviewLog>();
    public DbSet<ExamBlueprintRow> ExamBlueprints => Set<ExamBlueprintRow>();
    public DbSet<ExamSitting> ExamSittings => Set<ExamSitting>();
    public DbSet<ExamAnswer> ExamAnswers => Set<ExamAnswer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's model first (its keys and indexes); Practice's configurations then rename its tables.
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PracticeDbContext).Assembly);
    }
}
