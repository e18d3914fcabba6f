using System.Globalization;
using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Scenarios;
using Practice.Content.Yaml;
using Practice.Simulation.Probes;

namespace Practice.Content.Questions;

/// <summary>How far an estimate may be from the measured value: a percentage of it (<c>15%</c>) or an absolute amount (<c>10</c>, <c>10s</c>).</summary>
public sealed record Tolerance(double Amount, bool IsPercent)
{
    public static Tolerance Exact { get; } = new(0, false);

    public double AllowedFor(double measured) => IsPercent ? Math.Abs(measured) * Amount / 100 : Amount;

    public bool Allows(double answer, double measured) => Math.Abs(answer - measured) <= AllowedFor(measured) + 1e-9;

    public override string ToString() => IsPercent ? $"{Format(Amount)}%" : Format(Amount);

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary><c>number</c>: the learner estimates what a number probe measures (seconds, a count), within a tolerance.</summary>
public sealed record NumberQuestion : Question
{
    internal static readonly string[] Fields = ["unit", "probe", "tolerance", "expect"];

    public required string Unit { get; init; }
    public required Probe Probe { get; init; }
    public required Tolerance Tolerance { get; init; }

    /// <summary>The author's expected value; null for none. <see cref="ExpectNever"/> for <c>expect: never</c>.</summary>
    public double? Expect { get; init; }
    public bool ExpectNever { get; init; }
    public SourcePosition? ExpectAt { get; init; }

    public override QuestionKind Kind => QuestionKind.Number;

    internal static NumberQuestion? Read(QuestionHeader header, Fields fields, ScenarioReader reader)
    {
        var problems = reader.Problems;
        var before = problems.ErrorCount;
        var unit = fields["unit"] is { } u ? Yaml.Read.Text(u, problems, "unit") : "";
        var probe = reader.ReadProbe(fields.Required("probe"), "probe");
        if (probe is { Kind: ProbeKind.Boolean })
        {
            problems.Error(fields["probe"]!.At, "a number question needs a probe that measures a number (a quantity at a time, or time_until), but this one holds or not");
        }
        var tolerance = Tolerance.Exact;
        if (fields["tolerance"] is { } t && Yaml.Read.Scalar(t, problems, "tolerance", "a tolerance like 15%, 10 or 10s") is { } text)
        {
            tolerance = ParseTolerance(text.Value) ?? Tolerance.Exact;
            if (ParseTolerance(text.Value) is null)
            {
                problems.Error(text.At, $"'tolerance' must be a percentage like 15%, or an amount like 10 or 10s, not '{text.Value}'");
            }
        }
        double? expect = null;
        var never = false;
        if (fields["expect"] is { } e && Yaml.Read.Scalar(e, problems, "expect", "a number or never") is { } expectText)
        {
            if (expectText.Value == "never")
            {
                never = true;
            }
            else if (Yaml.Read.TryNumber(expectText.Value, out var number) || TrySeconds(expectText.Value, out number))
            {
                expect = number;
            }
            else
            {
                problems.Error(expectText.At, $"'expect' must be a number or never, not '{expectText.Value}'");
            }
        }
        return problems.ErrorCount != before || probe is null || unit is null ? null : new NumberQuestion
        {
            Id = header.Id,
            Prompt = header.Prompt,
            At = header.At,
            Unit = unit,
            Probe = probe,
            Tolerance = tolerance,
            Expect = expect,
            ExpectNever = never,
            ExpectAt = fields["expect"]?.At,
        };
    }

    private static Tolerance? ParseTolerance(string text)
    {
        text = text.Trim();
        if (text.EndsWith('%') && Yaml.Read.TryNumber(text[..^1], out var percent) && percent >= 0)
        {
            return new Tolerance(percent, true);
        }
        if (Yaml.Read.TryNumber(text, out var amount) && amount >= 0)
        {
            return new Tolerance(amount, false);
        }
        return TrySeconds(text, out var seconds) ? new Tolerance(seconds, false) : null;
    }

    /// <summary>A duration written as a tolerance or expectation (<c>10s</c>, <c>1m30s</c>) counts in seconds, the unit of <c>time_until</c>.</summary>
    private static bool TrySeconds(string text, out double seconds)
    {
        var ok = Yaml.Read.TryDuration(text, out var ms);
        seconds = ms / 1000.0;
        return ok;
    }

    public override QuestionOutcome Evaluate(IProbeSource run)
    {
        var result = Probe.Evaluate(run);
        return new NumberOutcome(Id, result.IsNever ? null : result.Value, result.IsNever, result.Explanation);
    }

    internal override void Check(QuestionOutcome outcome, ScenarioGrader.Replayer replay, Problems problems)
    {
        var measured = (NumberOutcome)outcome;
        if (ExpectAt is null)
        {
            return;
        }
        if (ExpectNever && !measured.IsNever)
        {
            problems.Error(ExpectAt, $"expected never but the simulation says {Tolerance.Format(measured.Value ?? 0)}: {measured.Explanation}");
        }
        else if (Expect is { } expected && (measured.IsNever || !Tolerance.Allows(expected, measured.Value ?? 0)))
        {
            var said = measured.IsNever ? "never" : Tolerance.Format(measured.Value ?? 0);
            problems.Error(ExpectAt, $"expected {Tolerance.Format(expected)} (within {Tolerance}) but the simulation says {said}: {measured.Explanation}");
        }
    }

    public override void Validate(string answer, long durationMs) => Given(answer);

    /// <summary>A number (the unit may follow it) or <c>never</c>.</summary>
    private (bool IsNever, double Value) Given(string answer)
    {
        var given = answer.Trim();
        if (string.Equals(given, "never", StringComparison.OrdinalIgnoreCase))
        {
            return (true, 0);
        }
        var number = Unit.Length > 0 && given.EndsWith(Unit, StringComparison.Ordinal) ? given[..^Unit.Length].Trim() : given;
        return Yaml.Read.TryNumber(number, out var value) && double.IsFinite(value)
            ? (false, value)
            : throw new AnswerException($"question '{Id}' is a number question: give a number{(Unit.Length > 0 ? $" (in {Unit})" : "")} or 'never', not '{answer}'"
                + (number.Contains(',', StringComparison.Ordinal) && Yaml.Read.TryNumber(number.Replace(',', '.'), out _) ? $"; use a point for decimals ({number.Replace(',', '.')}, not {number})" : "")
                + (number.Contains('e', StringComparison.OrdinalIgnoreCase) && double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? "; write it out in full, without an exponent" : ""));
    }

    internal override QuestionGrade Grade(string answer, QuestionOutcome outcome, ScenarioGrader.Replayer replay)
    {
        var measured = (NumberOutcome)outcome;
        var (isNever, value) = Given(answer);
        var correct = measured.IsNever ? isNever : !isNever && Tolerance.Allows(value, measured.Value ?? 0);
        var correctAnswer = measured.IsNever ? "never" : Tolerance.Format(measured.Value ?? 0);
        var explanation = measured.IsNever
            ? measured.Explanation
            : $"{measured.Explanation} (answers within {Tolerance.Format(Tolerance.AllowedFor(measured.Value ?? 0))}{(Unit.Length > 0 ? " " + Unit : "")} count)";
        return new QuestionGrade(Id, Kind, answer, correct, correctAnswer, [explanation]);
    }
}
