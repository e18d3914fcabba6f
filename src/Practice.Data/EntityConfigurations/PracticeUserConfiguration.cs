using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class PracticeUserConfiguration : IEntityTypeConfiguration<PracticeUser>
{
    public void Configure(EntityTypeBuilder<PracticeUser> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.DisplayName).HasMaxLength(PracticeUser.DisplayNameMaxLength);
        builder.Property(u => u.TimeZone).HasMaxLength(PracticeUser.TimeZoneMaxLength);
        builder.HasIndex(u => u.LearnerId).IsUnique();
    }
}
