using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

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
