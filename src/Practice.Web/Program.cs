using Practice.Web.Incidents;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Accounts;
using Practice.Web.Infrastructure;

PracticeCommandLine commandLine;
try
{
    commandLine = PracticeCommandLine.Parse(args);
}
catch (CommandLineException e)
{
    Console.Error.WriteLine($"Practice: {e.Message}");
    Console.Error.WriteLine(PracticeCommandLine.Usage);
    return 2;
}

if (commandLine.Verb == "healthcheck")
{
    return await HealthCheckCommand.RunAsync(commandLine.HostArgs[0]);
}

var builder = WebApplication.CreateBuilder(commandLine.HostArgs);
if (Environment.GetEnvironmentVariable("PRACTICE_URLS") is { Length: > 0 } urls)
{
    builder.WebHost.UseUrls(urls);
}

string connectionString;
StackExchange.Redis.ConfigurationOptions? backplane;
try
{
    connectionString = Database.ConnectionString(builder.Configuration);
    backplane = Backplane.Configured(builder.Configuration);
    await Database.EnsureReachableAsync(connectionString, CancellationToken.None);
}
catch (StartupException e)
{
    Console.Error.WriteLine($"Practice: {e.Message}");
    return 1;
}

builder.Services.AddDbContextPool<PracticeDbContext>(o => o
    .UseNpgsql(Database.ForApp(connectionString), npgsql => npgsql.MigrationsAssembly(PracticeDbContext.MigrationsAssembly))
    // EF logs every failed command, query and save at Error with its stack trace; the app logs the
    // ones it does not handle (with theirs) and a database outage as one rate-limited line.
    .ConfigureWarnings(w => w.Log(
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.TransactionError, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryIterationFailed, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug))));
// Keys in the database, so any web replica can read another's antiforgery tokens and cookies.
builder.Services.AddDataProtection().SetApplicationName("Practice").PersistKeysToDbContext<PracticeDbContext>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPracticeAccounts(builder.Configuration);
Practice.Web.Teams.TeamAccess.AddPracticeTeams(builder.Services);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<Practice.Web.Catalog.ContentCache>();
builder.Services.AddScoped<Practice.Web.Catalog.CourseCatalog>();
builder.Services.AddScoped<Practice.Web.Importing.ContentImporter>();
builder.Services.AddSingleton<Practice.Web.Grading.ScenarioLibrary>();
builder.Services.AddScoped<Practice.Web.Grading.AttemptSteps>();
builder.Services.AddScoped<Practice.Web.Progress.ProgressQueries>();
builder.Services.AddScoped<Practice.Web.Live.LiveSessionService>();
builder.Services.AddScoped<Practice.Web.Live.LiveScreens>();
builder.Services.AddScoped<Practice.Web.Live.LiveAnnouncer>();
builder.Services.AddScoped<Practice.Web.Live.LiveResults>();
builder.Services.AddScoped<Practice.Web.Review.ReviewService>();
builder.Services.AddScoped<Practice.Web.Exams.ExamService>();
builder.Services.AddScoped<Practice.Web.Accounts.AccountDeletion>();
builder.Services.AddScoped<Practice.Web.Exams.ExamDeadlineJob>();
builder.Services.AddSingleton<Practice.Web.Grading.AttemptGrader>();
builder.Services.AddScoped<Practice.Web.Grading.GradingService>();
builder.Services.AddScoped<Practice.Web.Grading.GradeAttemptJob>();
builder.Services.AddScoped<Practice.Web.Grading.PendingAttemptSweep>();
builder.Services.AddSingleton<Practice.Web.Grading.GradingQueueWatch>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<Practice.Web.Grading.GradingQueueWatch>());
builder.Services.Configure<Practice.Web.Grading.GradingOptions>(builder.Configuration.GetSection("Practice:Grading"));
// The command line's --role wins; Practice:Role in configuration serves containers and tests.
if (!commandLine.RoleGiven && builder.Configuration["Practice:Role"] is { Length: > 0 } configuredRole)
{
    commandLine = commandLine with { Role = Enum.Parse<ProcessRole>(configuredRole, ignoreCase: true) };
}
var runsJobs = commandLine.Role is ProcessRole.All or ProcessRole.Worker;
builder.Services.AddPracticeJobs(builder.Configuration, connectionString, runServer: runsJobs && commandLine.Verb == "serve");
if (commandLine.Role != ProcessRole.Worker)
{
    // Razor Pages validate the antiforgery token of every POST by default; the error page opts out (it renders the 400).
    builder.Services.AddRazorPages();
    builder.Services.AddSignalR().AddPracticeBackplane(backplane);
    builder.Services.AddPracticeRateLimits(builder.Configuration);
}

var app = builder.Build();

if (commandLine.Verb is "migrate" or "import-content" or "admin" || commandLine.Migrate || app.Configuration.GetValue<bool>("Practice:MigrateOnStart"))
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<PracticeDbContext>();
    try
    {
        await db.Database.MigrateAsync();
    }
    catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
    {
        Console.Error.WriteLine($"Practice: applying migrations to {Database.Describe(connectionString)} failed: {e.Message}");
        return 1;
    }
    app.Logger.LogInformation("Database {Database} is migrated", Database.Describe(connectionString));
    if (commandLine.Verb == "migrate")
    {
        Console.WriteLine($"Practice: migrations applied to {Database.Describe(connectionString)}");
        return 0;
    }
}

if (commandLine.Verb == "admin")
{
    return await AdminCommand.RunAsync(commandLine.VerbArgs ?? [], app.Services, Console.Out, Console.Error);
}

if (commandLine.ImportContent is { } contentDirectory)
{
    // One transaction: a broken file imports nothing and leaves the database as it was.
    var imported = await Practice.Web.Importing.ContentImportCommand.RunAsync(contentDirectory, app.Services, Console.Out, Console.Error, CancellationToken.None);
    if (commandLine.Verb == "import-content")
    {
        return imported;
    }
    if (imported != 0)
    {
        Console.Error.WriteLine("Practice: serving the content already in the database");
    }
}

if (runsJobs)
{
    Practice.Web.Grading.PendingAttemptSweep.Register(app.Services.GetRequiredService<Hangfire.IRecurringJobManager>(), app.Logger);
}

app.UsePracticeForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Error",
        // A database restart fails every request for a few seconds: the error page says it in one
        // rate-limited line instead of a stack trace per request. Other errors keep theirs.
        SuppressDiagnosticsCallback = context => Practice.Web.Infrastructure.TransientFaults.IsTransient(context.Exception),
    });
}
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseStaticFiles();
app.UseRouting();
app.MapHealth();

if (commandLine.Role != ProcessRole.Worker)
{
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseMustChangePassword();
    app.UseRateLimiter();
    app.UseAntiforgery();
    app.MapJobsDashboard();
    app.MapRazorPages();
    app.MapHub<Practice.Web.Live.LiveHub>("/hubs/live");
    app.MapIncidentApi();
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var role = commandLine.Role.ToString().ToLowerInvariant();
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Practice ({role}) is serving on {address}");
    }
});

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
