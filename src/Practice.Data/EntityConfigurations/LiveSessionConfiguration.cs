using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> builder)
    {
        builder.ToTable("live_sessions");
        builder.Property(s => s.HostUserId).HasMaxLength(450);
        builder.Property(s => s.Code).HasMaxLength(6);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.RowVersion).IsRowVersion();
        // A code is unique among sessions still running; an ended session's code can come back.
        builder.HasIndex(s => s.Code).IsUnique().HasFilter("\"State\" <> 'Ended'");
        builder.HasIndex(s => s.TeamId);
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
