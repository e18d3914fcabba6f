using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Live;

namespace Practice.Web.Tests.Live;

/// <summary>The SignalR .NET client as the browsers' stand-in: connections with a cookie, and what they heard.</summary>
internal static class LiveClients
{
    public static string SeatCookie(Seat seat) => $"{LiveSeatCookie.Name}={seat.Token}";

    public static HubConnection Connect(Uri server, string? cookie) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/live"), o =>
            {
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }
            })
            .Build();

    /// <summary>Registers an account through the app's own page; its cookie header and user id.</summary>
    public static async Task<(string Cookie, string UserId)> RegisterAsync(PracticeAppFactory app, string email)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };
        var form = await PageForm.OpenAsync(client, "/account/register", "name=\"Email\"");
        var response = await form.Set("Email", email).Set("DisplayName", "Host").Set("Password", "a long enough passphrase").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (cookies.GetCookieHeader(app.ServerAddress), userId);
    }

    /// <summary>Everything the connection hears on the given methods, in order, for tests to wait on.</summary>
    public static Heard Listen(HubConnection connection, params string[] methods)
    {
        var heard = new Heard();
        foreach (var method in methods)
        {
            // How many arguments the hub sends with each message.
            var arity = method switch { "answers" => 2, _ => 1 };
            connection.On(method, [.. Enumerable.Repeat(typeof(object), arity)], args =>
            {
                heard.Add(method, args);
                return Task.CompletedTask;
            });
        }
        return heard;
    }
}

internal sealed class Heard
{
    private readonly ConcurrentQueue<(string Method, object?[] Args)> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public void Add(string method, object?[] args)
    {
        _messages.Enqueue((method, args));
        _arrived.Release();
    }

    /// <summary>The next message on <paramref name="method"/> (others before it are passed over), its argument as <typeparamref name="T"/>.</summary>
    public async Task<T> NextAsync<T>(string method, int argument = 0, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            await _arrived.WaitAsync(timeout.Token);
            if (_messages.TryDequeue(out var message) && message.Method == method)
            {
                var json = System.Text.Json.JsonSerializer.Serialize(message.Args[argument]);
                return System.Text.Json.JsonSerializer.Deserialize<T>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
            }
        }
    }

    /// <summary>Every method heard since the last read, in order (nothing is waited for).</summary>
    public List<string> Drain()
    {
        var methods = new List<string>();
        while (_arrived.Wait(0) && _messages.TryDequeue(out var message))
        {
            methods.Add(message.Method);
        }
        return methods;
    }
}
