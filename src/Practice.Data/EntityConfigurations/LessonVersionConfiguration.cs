using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

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
