using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class LiveParticipantConfiguration : IEntityTypeConfiguration<LiveParticipant>
{
    public void Configure(EntityTypeBuilder<LiveParticipant> builder)
    {
        builder.ToTable("live_participants");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.DisplayName).HasMaxLength(LiveParticipant.NameMaxLength);
        builder.Property(p => p.TokenHash).HasMaxLength(32);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        // One seat per member per session; guests are told apart by their token.
        builder.HasIndex(p => new { p.SessionId, p.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        builder.HasOne<LiveSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
