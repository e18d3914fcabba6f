namespace Practice.Web.Infrastructure;

/// <summary>What this process does: serve pages, run Hangfire jobs, or both.</summary>
public enum ProcessRole { All, Web, Worker }

/// <summary>The command line of the Practice executable.</summary>
/// <remarks>
/// <c>Practice.Web [--role web|worker|all] [--migrate]</c> serves;
/// <c>Practice.Web migrate</c> applies migrations and exits;
/// <c>Practice.Web import-content DIR</c> checks and imports the course (migrating first);
/// <c>--import-content DIR</c> does the same at start, serving the last good content if it fails;
/// <c>Practice.Web admin create EMAIL</c> and <c>admin reset-link EMAIL</c> manage administrators and passwords (migrating first);
/// <c>Practice.Web healthcheck URL</c> exits 0 when URL answers 200 (for container health checks).
/// Anything else is refused with a usage line rather than silently ignored.
/// </remarks>
public sealed record PracticeCommandLine(string Verb, ProcessRole Role, bool Migrate, string[] HostArgs, string? ImportContent = null, bool RoleGiven = false, string[]? VerbArgs = null)
{
    public const string Usage = "usage: Practice.Web [serve] [--role web|worker|all] [--migrate] [--import-content DIR] | Practice.Web migrate | Practice.Web import-content DIR | Practice.Web admin create EMAIL | Practice.Web admin reset-link EMAIL | Practice.Web healthcheck URL";

    public static PracticeCommandLine Parse(string[] args)
    {
        var verb = "serve";
        var role = ProcessRole.All;
        var roleGiven = false;
        var migrate = false;
        string? importContent = null;
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "serve" or "migrate" when i == 0:
                    verb = arg;
                    break;
                case "import-content" when i == 0:
                    if (args.Length != 2)
                    {
                        throw new CommandLineException("import-content needs one content directory");
                    }
                    return new PracticeCommandLine("import-content", role, Migrate: true, [], args[1]);
                case "admin" when i == 0:
                    if (args.Length != 3 || args[1] is not ("create" or "reset-link"))
                    {
                        throw new CommandLineException("admin needs 'create EMAIL' or 'reset-link EMAIL'");
                    }
                    return new PracticeCommandLine("admin", role, Migrate: true, [], VerbArgs: args[1..]);
                case "--import-content":
                    importContent = i + 1 < args.Length ? args[++i] : throw new CommandLineException("--import-content needs a directory");
                    break;
                case "healthcheck" when i == 0:
                    // For container health checks: the runtime image has no curl.
                    if (args.Length != 2)
                    {
                        throw new CommandLineException("healthcheck needs one URL, e.g. http://127.0.0.1:8080/readyz");
                    }
                    return new PracticeCommandLine("healthcheck", role, migrate, [args[1]]);
                case "--role":
                    if (i + 1 >= args.Length)
                    {
                        throw new CommandLineException("--role needs a value: web, worker or all");
                    }
                    roleGiven = true;
                    role = args[++i] switch
                    {
                        "web" => ProcessRole.Web,
                        "worker" => ProcessRole.Worker,
                        "all" => ProcessRole.All,
                        var other => throw new CommandLineException($"unknown role '{other}': use web, worker or all"),
                    };
                    break;
                case "--migrate":
                    migrate = true;
                    break;
                default:
                    // ASP.NET Core's own switches (e.g. --urls, --environment) pass through.
                    if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal) || IsHostSwitch(arg))
                    {
                        hostArgs.Add(arg);
                        if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                        {
                            hostArgs.Add(args[++i]);
                        }
                        break;
                    }
                    throw new CommandLineException($"unknown argument '{arg}'");
            }
        }
        return new PracticeCommandLine(verb, role, migrate, [.. hostArgs], importContent, roleGiven);
    }

    private static bool IsHostSwitch(string arg) =>
        arg is "--urls" or "--environment" or "--contentRoot" or "--applicationName";
}

public sealed class CommandLineException(string message) : Exception(message);
