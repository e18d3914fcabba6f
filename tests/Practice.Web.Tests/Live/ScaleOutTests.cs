using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Live;
using static Practice.Web.Tests.Live.LiveClients;

namespace Practice.Web.Tests.Live;

/// <summary>
/// Two replicas of the app on two loopback ports, one Postgres and one real <c>redis-server</c>:
/// a live session whose host and participants are spread over both.
/// </summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task ParticipantsOnBothReplicasHearEverythingAndAnAnswerThroughBCountsOnAsLeaderboard()
    {
        await using var redis = await RedisServer.SharedAsync();
        await using var deployment = await Deployment.StartAsync("practice_test_scale", redis, "practice-test-scale");
        var (a, b) = (deployment.A, deployment.B);
        var (hostCookie, session) = await deployment.SessionAsync("scale-host@example.com");
        var host = await deployment.HostAsync(a, hostCookie, session);
        var ann = await deployment.SeatAsync(a, session, "Ann on A");
        var ben = await deployment.SeatAsync(b, session, "Ben on B");
        var cem = await deployment.SeatAsync(b, session, "Cem on B");
        Seated[] everyone = [ann, ben, cem];

        await host.SayAsync(session, "start");
        foreach (var seat in everyone)
        {
            Assert.Equal("Which side of the split is the scheduler on?", (await seat.Heard.NextAsync<LiveQuestion>("question")).Prompt);
        }

        // An answer through B: the host on A hears the count, and it scores on A's leaderboard.
        Assert.True((await ben.AnswerAsync(0, "control")).Done);
        Assert.Equal(1, await host.Heard.NextAsync<int>("answers", argument: 1));
        Assert.True((await cem.AnswerAsync(0, "data")).Done);
        Assert.Equal(2, await host.Heard.NextAsync<int>("answers", argument: 1));
        await host.SayAsync(session, "close");
        await host.SayAsync(session, "reveal");
        foreach (var seat in everyone)
        {
            var reveal = await seat.Heard.NextAsync<LiveReveal>("revealed");
            Assert.Equal(new Dictionary<string, int> { ["control"] = 1, ["data"] = 1 }, reveal.Distribution);
            var board = await seat.Heard.NextAsync<List<LeaderboardRow>>("leaderboard");
            Assert.Equal("Ben on B", board[0].DisplayName);
            Assert.True(board[0].Score > 0, "Ben's right answer scored");
        }
        await using (var scope = a.CreateScope())
        {
            var leaderboard = await scope.ServiceProvider.GetRequiredService<LiveSessionService>().LeaderboardAsync(session.Id, CancellationToken.None);
            Assert.Equal(("Ben on B", 1), (leaderboard[0].DisplayName, leaderboard[0].Right));
        }

        await host.SayAsync(session, "next");
        foreach (var seat in everyone)
        {
            Assert.Equal(1, (await seat.Heard.NextAsync<LiveQuestion>("question")).Index);
        }
    }

    [Fact]
    public async Task WithRedisStoppedPagesServeAndCommandsStandEventsAreMissedAndTheNextQuestionAfterItReturnsReachesEveryone()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var deployment = await Deployment.StartAsync("practice_test_scale_outage", redis, "practice-test-outage");
        var (a, b) = (deployment.A, deployment.B);
        var (hostCookie, session) = await deployment.SessionAsync("outage-host@example.com");
        var host = await deployment.HostAsync(a, hostCookie, session);
        var ann = await deployment.SeatAsync(a, session, "Ann on A");
        var ben = await deployment.SeatAsync(b, session, "Ben on B");
        await host.SayAsync(session, "limit", 300);
        await host.SayAsync(session, "start");
        Assert.Equal(0, (await ann.Heard.NextAsync<LiveQuestion>("question")).Index);
        Assert.Equal(0, (await ben.Heard.NextAsync<LiveQuestion>("question")).Index);
        await deployment.WaitForBackplaneAsync("backplane: redis connected");

        await redis.StopAsync();
        await deployment.WaitForBackplaneAsync("backplane: redis unreachable");

        // Pages still serve on both replicas; Ben's screen on B reads the question from Postgres.
        using (var visitor = new HttpClient { BaseAddress = a.ServerAddress })
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/")).StatusCode);
        }
        using (var onB = new HttpClient { BaseAddress = b.ServerAddress })
        {
            onB.DefaultRequestHeaders.Add("Cookie", SeatCookie(ben.Seat));
            var screen = await onB.GetAsync("/live/play");
            Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
            Assert.Contains("Which side of the split is the scheduler on?", await screen.Content.ReadAsStringAsync());
        }
        // An answer through B and the host's commands through A are stored...
        Assert.True((await ben.AnswerAsync(0, "control")).Done);
        await host.SayAsync(session, "close");
        await host.SayAsync(session, "reveal");
        // ...but their events reach no one: every group message goes through Redis, so the
        // participant on A misses them as well as the one on B (and the host misses Ben's count).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(ann.Heard.Drain());
        Assert.Empty(ben.Heard.Drain());
        Assert.DoesNotContain("answers", host.Heard.Drain());
        await using (var scope = a.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().LiveAnswers.CountAsync(x => x.SessionId == session.Id);
            Assert.Equal(1, stored);
        }

        await redis.StartAgainAsync();
        await deployment.WaitForBackplaneAsync("backplane: redis connected");
        await host.SayAsync(session, "next");
        Assert.Equal(1, (await ann.Heard.NextAsync<LiveQuestion>("question")).Index);
        Assert.Equal(1, (await ben.Heard.NextAsync<LiveQuestion>("question")).Index);
        // Ben's answer from the outage counted.
        var view = await ben.Connection.InvokeAsync<LiveView>("Look");
        Assert.True(view.Score > 0, "the answer given while Redis was away scored");
    }

    /// <summary>A participant's connection to one replica and what it heard.</summary>
    private sealed record Seated(HubConnection Connection, Heard Heard, Seat Seat)
    {
        public Task<LiveResult> AnswerAsync(int index, string answer) => Connection.InvokeAsync<LiveResult>("Answer", index, answer);

        public async Task SayAsync(LiveSession session, string command, int? seconds = null) =>
            Assert.True((await Connection.InvokeAsync<LiveResult>("Command", session.Id, command, seconds)).Done, command);
    }

    /// <summary>Replicas A and B on one database and one Redis; everything opened is closed with it.</summary>
    private sealed class Deployment : IAsyncDisposable
    {
        private readonly List<HubConnection> _connections = [];

        private Deployment(Replica a, Replica b) => (A, B) = (a, b);

        public Replica A { get; }

        public Replica B { get; }

        public static async Task<Deployment> StartAsync(string database, RedisServer redis, string prefix)
        {
            var a = new Replica(database, first: true, redis.Configuration, prefix);
            await a.InitializeAsync();
            await a.ImportContentAsync(WebAppFixture.FixtureContent);
            var b = new Replica(database, first: false, redis.Configuration, prefix);
            await b.InitializeAsync();
            return new Deployment(a, b);
        }

        /// <summary>A host registered on A, a team and a session of two questions.</summary>
        public async Task<(string Cookie, LiveSession Session)> SessionAsync(string email)
        {
            var (cookie, hostId) = await RegisterAsync(A, email);
            await using var scope = A.CreateScope();
            var services = scope.ServiceProvider;
            var team = await services.GetRequiredService<Practice.Web.Teams.TeamService>().CreateAsync(hostId, "Scale team", "", CancellationToken.None);
            var session = await services.GetRequiredService<LiveSessionService>().CreateAsync(team, hostId, ["scheduler-stops", "big-cluster"], allowGuests: true, CancellationToken.None);
            return (cookie, session);
        }

        public async Task<Seated> HostAsync(Replica replica, string cookie, LiveSession session)
        {
            var connection = Open(replica, cookie);
            var heard = Listen(connection, "answers");
            await connection.StartAsync();
            Assert.True((await connection.InvokeAsync<LiveResult>("Watch", session.Id)).Done);
            return new Seated(connection, heard, null!);
        }

        /// <summary>A guest joins by code and takes the seat over <paramref name="replica"/>'s hub.</summary>
        public async Task<Seated> SeatAsync(Replica replica, LiveSession session, string name)
        {
            Seat seat;
            await using (var scope = replica.CreateScope())
            {
                seat = (await scope.ServiceProvider.GetRequiredService<LiveSessionService>().JoinAsync(session.Code, null, name, CancellationToken.None)).Seat!;
            }
            var connection = Open(replica, SeatCookie(seat));
            var heard = Listen(connection, "question", "closed", "revealed", "leaderboard", "ended");
            await connection.StartAsync();
            await connection.InvokeAsync<LiveView>("Take");
            return new Seated(connection, heard, seat);
        }

        /// <summary>Until both replicas' <c>/readyz</c> report the backplane so (at most 30 s).</summary>
        public async Task WaitForBackplaneAsync(string line)
        {
            foreach (var replica in new[] { A, B })
            {
                using var client = new HttpClient { BaseAddress = replica.ServerAddress };
                var deadline = DateTime.UtcNow.AddSeconds(30);
                string ready;
                while (!(ready = await client.GetStringAsync("/readyz")).Contains(line) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
                Assert.Contains(line, ready);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }
            await B.DisposeAsync();
            await A.DisposeAsync();
        }

        private HubConnection Open(Replica replica, string cookie)
        {
            var connection = Connect(replica.ServerAddress, cookie);
            _connections.Add(connection);
            return connection;
        }
    }

    /// <summary>One web replica: its own host, memory and port, the shared database and Redis.</summary>
    private sealed class Replica(string database, bool first, string redis, string prefix)
        : PracticeAppFactory(database, kestrel: true, createDatabase: first)
    {
        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
            builder.UseSetting("Practice:Redis", redis);
            builder.UseSetting("Practice:RedisChannelPrefix", prefix);
        }
    }
}
