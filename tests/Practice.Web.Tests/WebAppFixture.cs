using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Practice.Testing;

namespace Practice.Web.Tests;

/// <summary>One app and one database for the whole assembly (xunit collection fixture).</summary>
public sealed class WebAppFixture() : PracticeAppFactory("practice_test_web", kestrel: false)
{
    public const string FailingPath = "/test-only/fail";

    /// <summary>The app's clock: the system's, until a test moves it (and moves it back).</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>What the app logged, as an operator reading the log would see it.</summary>
    public LogCapture Logs { get; } = new();

    public static string FixtureContent => Path.Combine(AppContext.BaseDirectory, "Fixtures", "content");

    protected override void ConfigureTestServices(IWebHostBuilder builder)
    {
        // The small fixture scenario is graded inline, the 40-node one by the in-process Hangfire worker.
        builder.UseSetting("Practice:Grading:InlineCostLimit", "10000");
        // Review intervals exactly as FSRS's published vectors (the fuzz has unit tests of its own).
        builder.UseSetting("Practice:Review:Fuzz", "false");
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter, FailingEndpointFilter>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }

    /// <summary>Empties the database and imports the fixture course through the real import command.</summary>
    public async Task ImportFixtureContentAsync()
    {
        await ResetDatabaseAsync();
        await ImportContentAsync(FixtureContent);
    }

    /// <summary>Adds, at the end of the app's own pipeline, an address that throws, to see the 500 page.</summary>
    private sealed class FailingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == FailingPath
                    ? throw new InvalidOperationException("secret internal detail")
                    : following(context));
        };
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
