using Hangfire;
using Hangfire.Dashboard;
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
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // The default is 15 s; a learner waiting on a grade should not wait for the poll.
            QueuePollInterval = TimeSpan.FromMilliseconds(section.GetValue("QueuePollMilliseconds", 500)),
            // A job whose worker died becomes visible again after this long. Sliding keeps a live
            // worker's job invisible however long it runs, so the timeout can be short.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromSeconds(section.GetValue("InvisibilityTimeoutSeconds", 60)),
        };

        // Storage and activator belong to this host, not to Hangfire's process-wide statics
        // (JobStorage.Current, JobActivator.Current): AddHangfire only falls back to those when
        // nothing is registered, and a second host in the process would otherwise take them over.
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (runServer)
        {
            services.AddHangfireServer(options =>
            {
                options.Queues = Queues;
                options.WorkerCount = section.GetValue("WorkerCount", Math.Max(2, Environment.ProcessorCount));
                options.ServerName = $"practice-{Environment.MachineName}-{Environment.ProcessId}";
            });
        }
        return services;
    }

    /// <summary>The dashboard answers loopback requests only, until accounts and roles exist.</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.UseHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new LoopbackOnlyAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });

    private sealed class LoopbackOnlyAuthorizationFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var address = context.GetHttpContext().Connection.RemoteIpAddress;
            return address is not null && System.Net.IPAddress.IsLoopback(address);
        }
    }
}
