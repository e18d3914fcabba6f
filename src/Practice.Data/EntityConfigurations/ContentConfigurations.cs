using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class ModuleConfiguration : IEntityTypeConfiguration<Module>
{
    public void Configure(EntityTypeBuilder<Module> builder)
    {
        builder.ToTable("modules");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(100);
        builder.Property(m => m.Title).HasMaxLength(300);
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(100);
        builder.HasOne(l => l.CurrentVersion).WithMany().HasForeignKey(l => l.CurrentVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LessonVersionConfiguration : IEntityTypeConfiguration<LessonVersion>
{
    public void Configure(EntityTypeBuilder<LessonVersion> builder)
    {
        builder.ToTable("lesson_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.TocJson).HasColumnType("jsonb");
        builder.Property(v => v.LessonId).HasMaxLength(100);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.HasIndex(v => new { v.LessonId, v.ContentHash }).IsUnique();
    }
}

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> builder)
    {
        builder.ToTable("scenarios");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(100);
        builder.HasOne(s => s.CurrentVersion).WithMany().HasForeignKey(s => s.CurrentVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioVersionConfiguration : IEntityTypeConfiguration<ScenarioVersion>
{
    public void Configure(EntityTypeBuilder<ScenarioVersion> builder)
    {
        builder.ToTable("scenario_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.ScenarioId).HasMaxLength(100);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.HasIndex(v => new { v.ScenarioId, v.ContentHash }).IsUnique();
    }
}

internal sealed class ContentImportConfiguration : IEntityTypeConfiguration<ContentImport>
{
    public void Configure(EntityTypeBuilder<ContentImport> builder)
    {
        builder.ToTable("content_imports");
        builder.HasKey(i => i.Id);
    }
}
