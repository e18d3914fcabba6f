using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

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
