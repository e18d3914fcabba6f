using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Logging;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Practice.Web.Infrastructure;

/// <summary>Hangfire on Postgres storage: one place for its storage options, queues and dashboard.</summary>
public static class Jobs
{
    /// <summary>Queue for heavy simulations; "default" takes the rest.</summary>
    public const string SimulationsQueue = "simulations";

    public static readonly string[] Queues = [SimulationsQueue, "default"];

    public static IServiceCollection AddPracticeJobs(this IServiceCollection services, IConfiguration configuration, string connectionString, bool runServer)
    {
        var section = configuration.GetSection("Practice:Jobs");
        var workers = section.GetValue("WorkerCount", Math.Max(2, Environment.ProcessorCount));
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // The default is 15 s; a learner waiting on a grade should not wait for the poll.
            QueuePollInterval = TimeSpan.FromMilliseconds(section.GetValue("QueuePollMilliseconds", 500)),
            // The timeouts that decide how soon a dead worker's jobs are graded by a live one, in one
            // place. A job whose worker died becomes visible again after InvisibilityTimeout; sliding
            // keeps a live worker's job invisible however long it runs, so the timeout can be short.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromSeconds(section.GetValue("InvisibilityTimeoutSeconds", 30)),
            // A lock row ("hangfire:job:N:state-lock") whose holder was killed is removed only once
            // it is older than this (Hangfire.PostgreSql deletes expired rows before each try). At
            // the default 10 minutes a live worker that fetched the dead one's job waited that long
            // on its state lock, and every thread that did so stalled with it. The locks Hangfire
            // and this app take last milliseconds (a state change, a scheduler batch), so a holder
            // alive past 10 s is not expected; a dead one's jobs now move within the invisibility
            // timeout plus this. It is kept under the 15 s Hangfire waits for a recurring job's
            // lock, so a process starting after one was killed holding it gets the lock in time.
            DistributedLockTimeout = TimeSpan.FromSeconds(section.GetValue("DistributedLockTimeoutSeconds", 10)),
        };

        // Storage and activator belong to this host, not to Hangfire's process-wide statics
        // (JobStorage.Current, JobActivator.Current): AddHangfire only falls back to those when
        // nothing is registered, and a second host in the process would otherwise take them over.
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(Database.ForJobs(connectionString, workers), storageOptions), storageOptions));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<ILogProvider>(provider => new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(provider.GetRequiredService<ILogProvider>()));

        if (runServer)
        {
            services.AddHangfireServer(options =>
            {
                options.Queues = Queues;
                options.WorkerCount = workers;
                options.ServerName = $"practice-{Environment.MachineName}-{Environment.ProcessId}";
            });
        }
        return services;
    }

    /// <summary>
    /// The dashboard is for administrators: a visitor is sent to sign in, a learner gets 403.
    /// ASP.NET Core's authorization decides (so the sign-in page and the 403 page are the site's
    /// own); Hangfire's filter checks the role again rather than its default "local requests only".
    /// </summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnlyAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization(Practice.Web.Accounts.AccountSetup.AdminPolicy);

    private sealed class AdminOnlyAuthorizationFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Practice.Data.Roles.Admin);
    }
}

/// <summary>
/// Hangfire's log provider is process-wide (LogProvider.Current) while its logger factory belongs
/// to one host. When a second host in the process (tests; never production) has stopped, its
/// disposed factory would throw from the next Hangfire call of a host still running: this one
/// answers with a silent logger instead. A database outage, which every Hangfire component meets
/// and logs with its stack trace each time it retries, becomes the one rate-limited line of
/// <see cref="TransientFaults.Log"/>.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new TransientAware(_inner.GetLogger(name), loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class TransientAware(ILog inner, ILogger logger) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (messageFunc is not null && exception is not null && TransientFaults.IsTransient(exception))
            {
                TransientFaults.Log(logger, exception, $"running jobs ({messageFunc()})", "Hangfire retries by itself");
                return true;
            }
            return inner.Log(logLevel, messageFunc, exception);
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
