using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

/// <summary>
/// Identity's own entities, which Practice does not extend, under table names like the rest of
/// the schema (<c>roles</c>, <c>user_roles</c>, ...) rather than <c>AspNetRoles</c>.
/// </summary>
internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityRole>,
    IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    /// <summary>The roles exist in every migrated database, with fixed ids, so nothing creates them at run time.</summary>
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.ToTable("roles");
        builder.HasData(Roles.All.Select(role => new IdentityRole(role)
        {
            Id = role, NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = role,
        }));
    }

    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> builder) => builder.ToTable("user_roles");

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder) => builder.ToTable("user_claims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder) => builder.ToTable("user_logins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) => builder.ToTable("user_tokens");

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder) => builder.ToTable("role_claims");
}
