using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Practice.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PracticeDbContext>
{
    public PracticeDbContext CreateDbContext(string[] args)
    {
        // Adding a migration needs no server; applying one uses PRACTICE_DB when set.
        var connectionString = Environment.GetEnvironmentVariable("PRACTICE_DB")
            ?? "Host=127.0.0.1;Port=55432;Database=practice;Username=practice";
        var options = new DbContextOptionsBuilder<PracticeDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PracticeDbContext.MigrationsAssembly))
            .Options;
        return new PracticeDbContext(options);
    }
}
