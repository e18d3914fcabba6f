// The live-session broadcast load client. A host on the first server runs a session question by
// question; N guests, spread over the servers in turn, all answer each question at once; then the
// host reveals it, and every guest's arrival of the "revealed" event is timed from the moment the
// host sent "reveal" (one process, one monotonic clock). Loopback only; stops by itself.
//
//   LiveBroadcast --servers http://127.0.0.1:5089[,http://127.0.0.1:5090] [--participants 200] [--rounds 20]
//
// Prints the figures, then `session=<id> acknowledged=<n>` for the caller to count answers in Postgres.
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

var options = BroadcastOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: LiveBroadcast --servers URL[,URL] [--participants 1-1000] [--rounds 1-50]   (URLs on 127.0.0.1 only)");
    return 2;
}
// Everything below finishes or is cancelled within ten minutes.
using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var stop = bounded.Token;

var host = new Browser(options.Servers[0]);
await host.RegisterAsync($"broadcast-{Guid.NewGuid():N}@example.com", stop);
var team = await host.CreateTeamAsync(stop);
var session = await host.StartLiveAsync(team, stop);
await using var hostHub = Hub.Connect(options.Servers[0], host.Cookies);
await hostHub.StartAsync(stop);
Require(await hostHub.InvokeAsync<Result>("Watch", session, stop), "watch");
await Say("limit", 120);
var code = (await hostHub.InvokeAsync<ConsoleView>("Console", session, stop)).Code;

Console.WriteLine($"servers: {string.Join(" ", options.Servers.Select(s => s.Authority))}; participants: {options.Participants}; session {session}");
var seats = new Seat[options.Participants];
var joining = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, options.Participants), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stop }, async (i, token) =>
{
    var server = options.Servers[i % options.Servers.Count];
    var browser = new Browser(server);
    await browser.JoinAsync(code, $"P{i:000}", token);
    seats[i] = await Seat.TakeAsync(i, server, browser.Cookies, token);
});
Console.WriteLine($"joined and connected in {joining.Elapsed.TotalSeconds:F1} s");

var deliveries = new List<double>();
var lastPerRound = new List<double>();
var (acknowledged, refused) = (0, 0);
for (var round = 0; round < options.Rounds; round++)
{
    foreach (var seat in seats)
    {
        seat.NewRound();
    }
    await Say(round == 0 ? "start" : "next");
    var question = (await Task.WhenAll(seats.Select(s => s.Question.Task.WaitAsync(TimeSpan.FromSeconds(30), stop))))[0];

    // Every guest answers at once (all invocations are sent before any is awaited).
    var answering = Stopwatch.StartNew();
    var pending = seats.Select(s => s.AnswerAsync(question, stop)).ToList();
    var sentIn = answering.Elapsed.TotalMilliseconds;
    var results = await Task.WhenAll(pending);
    acknowledged += results.Count(r => r.Done);
    refused += results.Count(r => !r.Done);
    var answered = answering.Elapsed.TotalMilliseconds;

    await Say("close");
    var sent = Stopwatch.GetTimestamp();
    await Say("reveal");
    var arrivals = await Task.WhenAll(seats.Select(s => s.Revealed.Task.WaitAsync(TimeSpan.FromSeconds(30), stop)));
    var latencies = arrivals.Select(at => Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds).ToList();
    deliveries.AddRange(latencies);
    lastPerRound.Add(latencies.Max());
    Console.WriteLine($"question {question.Index + 1}/{question.Count}: {results.Length} answers sent in {sentIn:F0} ms, {results.Count(r => r.Done)} acknowledged within {answered:F0} ms; reveal reached the last of {seats.Length} in {latencies.Max():F0} ms");
    if (question.Index + 1 >= question.Count)
    {
        break;
    }
}
await Say("end");
foreach (var seat in seats)
{
    await seat.DisposeAsync();
}

Console.WriteLine($"reveal → each participant ({deliveries.Count} deliveries): p50 {Percentile(deliveries, 50):F0} ms, p95 {Percentile(deliveries, 95):F0} ms, p99 {Percentile(deliveries, 99):F0} ms, max {deliveries.Max():F0} ms");
Console.WriteLine($"reveal → last participant ({lastPerRound.Count} questions): p50 {Percentile(lastPerRound, 50):F0} ms, p95 {Percentile(lastPerRound, 95):F0} ms, p99 {Percentile(lastPerRound, 99):F0} ms");
Console.WriteLine($"answers: {acknowledged} acknowledged, {refused} refused");
Console.WriteLine($"session={session} acknowledged={acknowledged}");
return refused == 0 ? 0 : 1;

async Task Say(string command, int? seconds = null) =>
    Require(await hostHub.InvokeAsync<Result>("Command", session, command, seconds, stop), command);

static void Require(Result result, string what)
{
    if (!result.Done)
    {
        throw new InvalidOperationException($"{what}: {result.Problem}");
    }
}

// Nearest-rank percentile.
static double Percentile(List<double> values, int percent)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

internal sealed record BroadcastOptions(IReadOnlyList<Uri> Servers, int Participants, int Rounds)
{
    public static BroadcastOptions? Parse(string[] args)
    {
        List<Uri> servers = [];
        var (participants, rounds) = (200, 20);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--servers":
                    foreach (var text in args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
                        {
                            return null;
                        }
                        servers.Add(uri);
                    }
                    break;
                case "--participants" when int.TryParse(args[i + 1], out var n) && n is >= 1 and <= 1000:
                    participants = n;
                    break;
                case "--rounds" when int.TryParse(args[i + 1], out var n) && n is >= 1 and <= 50:
                    rounds = n;
                    break;
                default:
                    return null;
            }
        }
        return args.Length % 2 == 0 && servers.Count > 0 ? new BroadcastOptions(servers, participants, rounds) : null;
    }
}

/// <summary>A browser's cookies and the app's forms, as a person would fill them.</summary>
internal sealed partial class Browser
{
    private readonly Uri _server;
    private readonly CookieContainer _jar = new();
    private readonly HttpClient _client;

    public Browser(Uri server)
    {
        _server = server;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = _jar, AllowAutoRedirect = false }) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The Cookie header a browser would send (the seat cookie, the sign-in cookie).</summary>
    public string Cookies => _jar.GetCookieHeader(_server);

    public async Task RegisterAsync(string email, CancellationToken stop) =>
        await PostAsync("/account/register", [new("Email", email), new("DisplayName", "Broadcast host"), new("Password", "a long enough passphrase")], stop);

    public async Task<Guid> CreateTeamAsync(CancellationToken stop) =>
        Guid.Parse(TeamId().Match(await PostAsync("/teams", [new("Name", "Broadcast team")], stop)).Groups[1].Value);

    /// <summary>A session of every scenario whose questions are all choices (single or multi), so any guest can answer any of them.</summary>
    public async Task<Guid> StartLiveAsync(Guid team, CancellationToken stop)
    {
        var path = $"/teams/{team}/live/new";
        var page = await _client.GetStringAsync(path, stop);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match scenario in ScenarioChoice().Matches(page))
        {
            var kinds = scenario.Groups["kinds"].Value.Split(',', StringSplitOptions.TrimEntries);
            if (kinds.All(k => k is "single" or "multi"))
            {
                fields.Add(new("LiveScenarios", scenario.Groups["id"].Value));
            }
        }
        fields.Add(new("TimeLimit", "120"));
        fields.Add(new("AllowGuests", "true"));
        return Guid.Parse(SessionId().Match(await PostAsync(path, fields, stop)).Groups[1].Value);
    }

    public async Task JoinAsync(string code, string name, CancellationToken stop) =>
        await PostAsync("/live", [new("Code", code), new("Name", name)], stop);

    /// <summary>GETs the form for its antiforgery token, POSTs it, expects a redirect; returns where to.</summary>
    private async Task<string> PostAsync(string path, List<KeyValuePair<string, string>> fields, CancellationToken stop)
    {
        var page = await _client.GetStringAsync(path, stop);
        fields.Add(new("__RequestVerificationToken", Token().Match(page).Groups[1].Value));
        using var response = await _client.PostAsync(path, new FormUrlEncodedContent(fields), stop);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode}, not a redirect");
        }
        return response.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("^/teams/([0-9a-f-]{36})/")]
    private static partial Regex TeamId();

    [GeneratedRegex("^/live/([0-9a-f-]{36})/host")]
    private static partial Regex SessionId();

    [GeneratedRegex("name=\"LiveScenarios\" value=\"(?<id>[a-z0-9-]+)\"[^>]*/> <span>[^<]*<span class=\"muted\">[^<]*· (?<kinds>[a-z, ]+)</span>")]
    private static partial Regex ScenarioChoice();
}

/// <summary>A guest's hub connection and what it heard this round.</summary>
internal sealed class Seat : IAsyncDisposable
{
    private readonly HubConnection _hub;

    private Seat(int number, HubConnection hub)
    {
        Number = number;
        _hub = hub;
        _hub.On<Question>("question", q => Question.TrySetResult(q));
        // The arrival time is taken first thing, before anything else is done with the message.
        _hub.On<object>("revealed", _ => Revealed.TrySetResult(Stopwatch.GetTimestamp()));
    }

    public int Number { get; }

    public TaskCompletionSource<Question> Question { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<long> Revealed { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<Seat> TakeAsync(int number, Uri server, string cookies, CancellationToken stop)
    {
        var seat = new Seat(number, Hub.Connect(server, cookies));
        await seat._hub.StartAsync(stop);
        await seat._hub.InvokeAsync<object>("Take", stop);
        return seat;
    }

    public void NewRound()
    {
        Question = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Revealed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One of the options, chosen by seat number, so the reveal has a spread of answers.</summary>
    public Task<Result> AnswerAsync(Question question, CancellationToken stop) =>
        _hub.InvokeAsync<Result>("Answer", question.Index, question.Options[Number % question.Options.Count].Id, stop);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}

internal static class Hub
{
    public static HubConnection Connect(Uri server, string cookies) =>
        new HubConnectionBuilder().WithUrl(new Uri(server, "/hubs/live"), o => o.Headers["Cookie"] = cookies).Build();
}

internal sealed record Result(bool Done, string? Problem);

internal sealed record ConsoleView(string Code);

internal sealed record Question(int Index, int Count, string Kind, IReadOnlyList<Option> Options);

internal sealed record Option(string Id);
