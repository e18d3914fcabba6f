using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Practice.Web.Infrastructure;

/// <summary>
/// Several web replicas share live sessions through SignalR's Redis backplane: a hub message for a
/// group is published on Redis and every replica hands it to its own connections in that group.
/// One process needs none. <c>PRACTICE_REDIS</c> (or <c>Practice:Redis</c>) is a StackExchange.Redis
/// configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6379,password=…</c>; channels
/// start with <c>Practice:RedisChannelPrefix</c> (default <c>practice</c>), so two deployments
/// can share one Redis.
/// </summary>
public static class Backplane
{
    public const string DefaultChannelPrefix = "practice";

    /// <summary>The configured Redis, or null for one process on its own.</summary>
    public static ConfigurationOptions? Configured(IConfiguration configuration)
    {
        var text = Environment.GetEnvironmentVariable("PRACTICE_REDIS") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration["Practice:Redis"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"PRACTICE_REDIS is not a Redis configuration string ({e.Message}); expected host:port[,password=…]");
        }
        if (options.EndPoints.Count == 0)
        {
            throw new StartupException("PRACTICE_REDIS names no server; expected host:port[,password=…]");
        }
        options.ChannelPrefix = RedisChannel.Literal(configuration["Practice:RedisChannelPrefix"] is { Length: > 0 } prefix ? prefix : DefaultChannelPrefix);
        // Start without Redis and keep trying: pages never wait for it.
        options.AbortOnConnectFail = false;
        // While Redis is away a hub message fails at once (and is logged) rather than waiting in a
        // queue for seconds and then failing: the state it announces is in Postgres already.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName ??= $"practice-{Environment.MachineName}";
        return options;
    }

    /// <param name="redis">From <see cref="Configured"/>, read at start so a bad value stops the process with its message.</param>
    public static ISignalRServerBuilder AddPracticeBackplane(this ISignalRServerBuilder signalR, ConfigurationOptions? redis)
    {
        var status = new BackplaneStatus(redis);
        signalR.Services.AddSingleton(status);
        if (redis is not null)
        {
            signalR.AddStackExchangeRedis(options =>
            {
                options.Configuration = redis;
                options.ConnectionFactory = async log =>
                {
                    var connection = await ConnectionMultiplexer.ConnectAsync(redis, log);
                    status.Connection = connection;
                    return connection;
                };
            });
        }
        return signalR;
    }
}

/// <summary>Whether this replica's backplane is connected, for <c>/readyz</c> and the log.</summary>
public sealed class BackplaneStatus(ConfigurationOptions? options)
{
    public ConfigurationOptions? Options { get; } = options;

    /// <summary>Set when the hub first needs Redis (the first connection or message).</summary>
    public IConnectionMultiplexer? Connection { get; set; }

    /// <summary>null without a backplane; otherwise a line for <c>/readyz</c>. Redis being away does not make a replica unready: pages still serve.</summary>
    public string? Describe() => Options is null
        ? null
        : Connection switch
        {
            null => "backplane: redis not used yet",
            { IsConnected: true } => "backplane: redis connected",
            _ => "backplane: redis unreachable (live events are not delivered until it returns)",
        };
}
