using Practice.Data;

namespace Practice.Web.Tests.Live;

/// <summary>The live session's state machine on its own: every move from every state, legal ones and refused ones.</summary>
public sealed class LiveSessionStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);

    /// <summary>Every state a session can be in, reached by legal moves from a new one with two questions.</summary>
    public static TheoryData<string> States => new() { "lobby", "open", "paused", "closed", "revealed", "revealed-last", "ended" };

    private static readonly string[] Moves = ["start", "next", "pause", "resume", "close", "skip", "reveal", "end", "limit"];

    /// <summary>Which moves each state allows; everything else must be refused.</summary>
    private static readonly Dictionary<string, string[]> Legal = new()
    {
        ["lobby"] = ["start", "end", "limit"],
        ["open"] = ["pause", "close", "skip", "end"],
        ["paused"] = ["resume", "close", "skip", "end"],
        ["closed"] = ["skip", "reveal", "end", "limit"],
        ["revealed"] = ["next", "end", "limit"],
        ["revealed-last"] = ["end", "limit"],
        ["ended"] = [],
    };

    [Theory]
    [MemberData(nameof(States))]
    public void EveryIllegalMoveIsRefusedAndChangesNothing(string state)
    {
        foreach (var move in Moves)
        {
            var session = In(state);
            var before = Snapshot(session);

            var moved = Apply(session, move);

            Assert.True(moved == Legal[state].Contains(move), $"{move} from {state}: {(moved ? "allowed" : "refused")}");
            if (!moved)
            {
                Assert.Equal(before, Snapshot(session));
            }
        }
    }

    [Fact]
    public void TwoQuestionsGoFromTheLobbyToTheEndWithTheDeadlineStoredEachTime()
    {
        var session = New();
        Assert.True(session.SetTimeLimit(20));
        Assert.True(session.Start(T0));
        Assert.Equal((LiveState.Open, 0, T0.AddSeconds(20)), (session.State, session.QuestionIndex, session.Deadline));
        Assert.True(session.Takes(0, T0.AddSeconds(19.9)));
        Assert.False(session.Takes(0, T0.AddSeconds(20)));
        Assert.False(session.Takes(1, T0.AddSeconds(1)));
        Assert.True(session.Close(T0.AddSeconds(20)));
        Assert.True(session.Reveal());
        Assert.True(session.Next(T0.AddMinutes(1)));
        Assert.Equal((LiveState.Open, 1, T0.AddMinutes(1).AddSeconds(20)), (session.State, session.QuestionIndex, session.Deadline));
        Assert.True(session.Close(T0.AddMinutes(1).AddSeconds(5)));
        Assert.True(session.Reveal());
        Assert.True(session.IsLastQuestion);
        Assert.True(session.End(T0.AddMinutes(2)));
        Assert.Equal(T0.AddMinutes(2), session.EndedAt);
    }

    [Fact]
    public void APauseKeepsTheTimeLeftAndMovesTheDeadline()
    {
        var session = New();
        session.Start(T0);

        Assert.True(session.Pause(T0.AddSeconds(10)));
        Assert.False(session.Takes(0, T0.AddSeconds(11)));
        Assert.True(session.Resume(T0.AddSeconds(70)));

        // 20 s were left at the pause; 60 s of pause later the deadline is 80 s after the start.
        Assert.Equal(T0.AddSeconds(90), session.Deadline);
        // An answer 5 s after the resume is 15 s into the question's running time.
        Assert.Equal(TimeSpan.FromSeconds(15), T0.AddSeconds(75) - session.OpenedAt!.Value);
        Assert.True(session.Takes(0, T0.AddSeconds(89)));
    }

    [Fact]
    public void ASkippedQuestionIsRememberedAndTheSessionGoesOn()
    {
        var session = New();
        session.Start(T0);

        Assert.True(session.Skip(T0.AddSeconds(3)));
        Assert.Equal(LiveState.Revealed, session.State);
        Assert.Equal([0], session.Skipped);
        Assert.True(session.Next(T0.AddSeconds(10)));
        Assert.Equal(1, session.QuestionIndex);
    }

    [Fact]
    public void ATimeLimitOutsideFiveSecondsToFiveMinutesIsRefused()
    {
        var session = New();

        Assert.False(session.SetTimeLimit(4));
        Assert.False(session.SetTimeLimit(301));
        Assert.True(session.SetTimeLimit(300));
        Assert.Equal(300, session.TimeLimitSeconds);
    }

    [Theory]
    [InlineData(true, 100, 0.0, 1000)]   // at once: all of it
    [InlineData(true, 100, 10.0, 750)]   // halfway through a 20 s window: 1 − 0.25
    [InlineData(true, 100, 20.0, 500)]   // at the deadline: half
    [InlineData(true, 100, 3.0, 925)]    // 1 − 3/40 = 0.925
    [InlineData(true, 100, 1.0, 975)]    // 1 − 1/40 = 0.975
    [InlineData(false, 75, 10.0, 563)]   // a multi with 3 of 4 options right, halfway: 0.75 × 750 = 562.5, rounded up
    [InlineData(false, 0, 0.0, 0)]       // wrong: nothing
    [InlineData(true, 100, 25.0, 500)]   // a late clock reading counts as the deadline, never below half
    public void PointsFollowTheSpeedRule(bool correct, int partial, double seconds, int expected) =>
        Assert.Equal(expected, LiveScoring.Points(correct, partial, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(20)));

    private static LiveSession New()
    {
        var session = LiveSession.Create(Guid.NewGuid(), Guid.NewGuid(), "host", "ABC234", ["1/holds", "1/side"], allowGuests: false, T0);
        session.SetTimeLimit(30);
        return session;
    }

    private static LiveSession In(string state)
    {
        var session = New();
        var now = T0;
        void Must(bool moved) => Assert.True(moved, $"could not reach {state}");
        switch (state)
        {
            case "lobby":
                break;
            case "open":
                Must(session.Start(now));
                break;
            case "paused":
                Must(session.Start(now));
                Must(session.Pause(now.AddSeconds(5)));
                break;
            case "closed":
                Must(session.Start(now));
                Must(session.Close(now.AddSeconds(5)));
                break;
            case "revealed":
                Must(session.Start(now));
                Must(session.Close(now.AddSeconds(5)));
                Must(session.Reveal());
                break;
            case "revealed-last":
                Must(session.Start(now));
                Must(session.Close(now.AddSeconds(5)));
                Must(session.Reveal());
                Must(session.Next(now.AddSeconds(10)));
                Must(session.Close(now.AddSeconds(15)));
                Must(session.Reveal());
                break;
            case "ended":
                Must(session.End(now));
                break;
        }
        return session;
    }

    private static bool Apply(LiveSession session, string move)
    {
        var now = T0.AddSeconds(7);
        return move switch
        {
            "start" => session.Start(now),
            "next" => session.Next(now),
            "pause" => session.Pause(now),
            "resume" => session.Resume(now),
            "close" => session.Close(now),
            "skip" => session.Skip(now),
            "reveal" => session.Reveal(),
            "end" => session.End(now),
            "limit" => session.SetTimeLimit(45),
            _ => throw new ArgumentOutOfRangeException(nameof(move)),
        };
    }

    private static string Snapshot(LiveSession s) =>
        $"{s.State}|{s.QuestionIndex}|{s.TimeLimitSeconds}|{s.Deadline:O}|{s.OpenedAt:O}|{s.PausedRemainingMs}|{string.Join(',', s.Skipped)}|{s.EndedAt:O}";
}
