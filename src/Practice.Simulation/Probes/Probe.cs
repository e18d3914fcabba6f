using Practice.Simulation.Probes.Language;

namespace Practice.Simulation.Probes;

public enum ProbeKind
{
    /// <summary>Holds or not: <c>pods(web, Running) == 6 throughout 2m..6m</c>.</summary>
    Boolean,

    /// <summary>Measures a number: <c>restarts(web) at 10m</c>, <c>time_until(C) after 2m</c>.</summary>
    Number,
}

/// <summary>A parsed probe: a question put to a finished run. Get one from <see cref="ProbeParser.Parse"/>.</summary>
public abstract class Probe
{
    private protected Probe(string text, Expr root)
    {
        Text = text;
        Root = root;
    }

    public abstract ProbeKind Kind { get; }

    /// <summary>The probe as written.</summary>
    public string Text { get; }

    internal Expr Root { get; }

    /// <summary>
    /// Checks the probe against a scenario before it runs: every workload, Service and node it
    /// names exists, and every time is within the duration. Empty when it fits.
    /// </summary>
    public IReadOnlyList<ProbeError> Validate(IProbeNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return ProbeValidator.Validate(Root, names);
    }

    /// <summary>Evaluates the probe exactly over the run's piecewise-constant quantities.</summary>
    /// <exception cref="InvalidOperationException">The probe names something the run does not have,
    /// or a time past its end (<see cref="Validate"/> would have said so).</exception>
    public ProbeResult Evaluate(IProbeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = ProbeValidator.Validate(Root, new SourceNames(source));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"probe `{Text}` does not fit this run: {string.Join("; ", errors.Select(e => $"column {e.Column}: {e.Message}"))}");
        }
        return new ProbeEvaluator(source).Evaluate(Root, Kind);
    }

    public override string ToString() => Text;
}

/// <summary>A probe that holds or not.</summary>
public sealed class BooleanProbe : Probe
{
    internal BooleanProbe(string text, Expr root) : base(text, root)
    {
    }

    public override ProbeKind Kind => ProbeKind.Boolean;
}

/// <summary>A probe that measures a number (or never happens, for <c>time_until</c>).</summary>
public sealed class NumberProbe : Probe
{
    internal NumberProbe(string text, Expr root) : base(text, root)
    {
    }

    public override ProbeKind Kind => ProbeKind.Number;
}
