using Microsoft.AspNetCore.SignalR;
using Practice.Web.Infrastructure;

namespace Practice.Web.Live;

/// <summary>
/// The live session hub (<c>/hubs/live</c>): a group per session for everyone seated and one for
/// its hosts. Seats are found by the token in the seat cookie, not by the connection, so a
/// reconnect is just a new <see cref="Take"/>. Host methods check the team role on every call (in
/// the service). Everything said here comes from Postgres; the hub holds no state of its own.
/// Events: question, answers (to hosts), seats (to hosts), closed, revealed, leaderboard, removed, ended.
/// </summary>
public sealed class LiveHub(LiveSessionService live, LiveScreens screens, LiveAnnouncer announce) : Hub
{
    public const string NotSeated = "You are not seated in this session. Join it again with its code.";

    public static string Everyone(Guid session) => $"live:{session:N}";

    public static string Hosts(Guid session) => $"live-hosts:{session:N}";

    /// <summary>
    /// Browsers send cookies with a WebSocket to any site, so a page elsewhere could open this hub
    /// as the signed-in host (cross-site WebSocket hijacking): a connection from another origin is refused.
    /// </summary>
    public override Task OnConnectedAsync()
    {
        var request = Context.GetHttpContext()?.Request;
        if (request?.Headers.Origin.ToString() is { Length: > 0 } origin
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            Context.Abort();
        }
        return base.OnConnectedAsync();
    }

    /// <summary>A participant takes (or takes back) the seat in their cookie: the session's state, the current question, their score.</summary>
    public async Task<LiveView> Take()
    {
        if (await live.SeatOfAsync(LiveSeatCookie.Of(Context.GetHttpContext()), Context.ConnectionAborted) is not var (seat, session))
        {
            throw new HubException(NotSeated);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Everyone(session.Id));
        await announce.SeatsAsync(session.Id, Context.ConnectionAborted);
        return await screens.SeatViewAsync(seat, session, Context.ConnectionAborted);
    }

    /// <summary>The seat's view again, after an event (no new group, no news for the hosts).</summary>
    public async Task<LiveView> Look()
    {
        if (await live.SeatOfAsync(LiveSeatCookie.Of(Context.GetHttpContext()), Context.ConnectionAborted) is not var (seat, session))
        {
            throw new HubException(NotSeated);
        }
        return await screens.SeatViewAsync(seat, session, Context.ConnectionAborted);
    }

    public async Task<LiveResult> Answer(int index, string answer)
    {
        var result = await live.AnswerAsync(LiveSeatCookie.Of(Context.GetHttpContext()), index, answer ?? "", Context.ConnectionAborted);
        if (result.SessionId is { } sessionId)
        {
            await announce.AnswersAsync(sessionId, index, Context.ConnectionAborted);
        }
        return result;
    }

    /// <summary>A host watches the session (and may then run it).</summary>
    public async Task<LiveResult> Watch(Guid sessionId)
    {
        if (!await live.CanHostAsync(sessionId, UserId, Context.ConnectionAborted))
        {
            return LiveResult.No(LiveSessionService.OnlyHosts);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Hosts(sessionId));
        await Groups.AddToGroupAsync(Context.ConnectionId, Everyone(sessionId));
        return LiveResult.Ok;
    }

    /// <summary>The host console's picture of the session, for its hosts only.</summary>
    public async Task<LiveConsole> Console(Guid sessionId)
    {
        if (!await live.CanHostAsync(sessionId, UserId, Context.ConnectionAborted))
        {
            throw new HubException(LiveSessionService.OnlyHosts);
        }
        return await screens.ConsoleAsync(sessionId, Context.ConnectionAborted);
    }

    /// <summary>start, next, pause, resume, close, skip, reveal, end, or limit with seconds.</summary>
    public async Task<LiveResult> Command(Guid sessionId, string command, int? seconds)
    {
        var (move, problem) = LiveCommands.Parse(command, seconds);
        if (move is null)
        {
            return LiveResult.No(problem!);
        }
        var result = await live.CommandAsync(sessionId, UserId, move, Context.ConnectionAborted);
        if (result.Done)
        {
            await announce.StateAsync(sessionId, Context.ConnectionAborted);
        }
        return result;
    }

    /// <summary>A host removes a participant: their seat stops taking answers and leaves the leaderboard.</summary>
    public async Task<LiveResult> Remove(Guid sessionId, Guid participantId)
    {
        var result = await live.RemoveAsync(sessionId, UserId, participantId, Context.ConnectionAborted);
        if (result.Done)
        {
            await announce.RemovedAsync(sessionId, participantId, Context.ConnectionAborted);
        }
        return result;
    }

    private string? UserId => LearnerIdentity.UserIdOf(Context.GetHttpContext()!);
}
