using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Practice.Testing;

/// <summary>
/// The real app (its own Program, nothing re-implemented) on a real test Postgres. With
/// <see cref="UseRealKestrel"/> it listens on a loopback port for Chromium.
/// </summary>
public class PracticeAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databaseName;
    private readonly bool _kestrel;
    private readonly bool _createDatabase;

    /// <param name="createDatabase">False joins a database another factory of the same test created (a second process of one deployment).</param>
    protected PracticeAppFactory(string databaseName, bool kestrel, bool createDatabase = true)
    {
        _databaseName = databaseName;
        _kestrel = kestrel;
        _createDatabase = createDatabase;
    }

    public string ConnectionString { get; private set; } = "";

    /// <summary>The server's address when running on Kestrel, e.g. http://127.0.0.1:41234.</summary>
    public Uri ServerAddress { get; private set; } = new("http://localhost");

    public async Task InitializeAsync()
    {
        ConnectionString = _createDatabase ? await TestDatabase.CreateAsync(_databaseName) : TestDatabase.ConnectionStringFor(_databaseName);
        if (_kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            ServerAddress = new Uri(addresses.Addresses.First());
        }
        else
        {
            StartServer();
        }
    }

    /// <summary>Empties every table of the app (not the migrations history, the keys, the seeded roles or Hangfire's schema).</summary>
    public async Task ResetDatabaseAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            DO $$
            DECLARE tables text;
            BEGIN
              SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
                FROM pg_tables
               WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', 'DataProtectionKeys', 'roles');
              IF tables IS NOT NULL THEN
                EXECUTE 'TRUNCATE ' || tables || ' CASCADE';
              END IF;
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Imports a content directory as <c>import-content</c> does; throws with the errors if the check fails.</summary>
    public async Task ImportContentAsync(string directory)
    {
        var errors = new StringWriter();
        if (await Practice.Web.Importing.ContentImportCommand.RunAsync(directory, Services, TextWriter.Null, errors, CancellationToken.None) != 0)
        {
            throw new InvalidOperationException($"the content in {directory} does not pass the content check:\n{errors}");
        }
    }

    /// <summary>An attempt as stored now, with its answer rows in the scenario's order.</summary>
    public async Task<Practice.Data.Attempt> LoadAttemptAsync(Guid id)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Practice.Data.PracticeDbContext>().Attempts.AsNoTracking()
            .Include(a => a.Answers.OrderBy(x => x.Position)).SingleAsync(a => a.Id == id);
    }

    /// <summary>A scope for using the app's own services (DbContext, importer) in a test.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.UseSetting("ConnectionStrings:Practice", ConnectionString);
        builder.UseSetting("Practice:MigrateOnStart", "true");
        builder.UseSetting("Practice:Jobs:QueuePollMilliseconds", "200");
        // Tests sign in and submit far faster than a person; the limits have tests of their own.
        builder.UseSetting("Practice:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Practice:RateLimits:SubmitPerMinute", "100000");
        ConfigureTestServices(builder);
    }

    /// <summary>Tests add their own services (e.g. a failing endpoint) here.</summary>
    protected virtual void ConfigureTestServices(IWebHostBuilder builder)
    {
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
