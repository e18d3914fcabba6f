using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;

namespace Practice.Web.Teams;

/// <summary>
/// Who may do what in a team, in one place: three policies (member, host, owner) over the team in
/// the route (<c>{teamId}</c>). The membership is read from the database on every request, so a
/// removed member loses access at once. A signed-in user without the role gets 404, as if the team
/// did not exist; a visitor is sent to sign in.
/// </summary>
public static class TeamAccess
{
    public const string Member = "team-member";
    public const string Host = "team-host";
    public const string Owner = "team-owner";

    private const string RoleKey = "practice:team-role";

    public static IServiceCollection AddPracticeTeams(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Member, p => p.RequireAuthenticatedUser().AddRequirements(new TeamRoleRequirement(TeamRole.Member)))
            .AddPolicy(Host, p => p.RequireAuthenticatedUser().AddRequirements(new TeamRoleRequirement(TeamRole.Host)))
            .AddPolicy(Owner, p => p.RequireAuthenticatedUser().AddRequirements(new TeamRoleRequirement(TeamRole.Owner)));
        services.AddScoped<IAuthorizationHandler, TeamRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, NotFoundForTeams>();
        services.AddScoped<TeamService>();
        return services;
    }

    /// <summary>The role the policy check found for this request's user in this request's team.</summary>
    public static TeamRole RoleOf(HttpContext context) =>
        context.Items.TryGetValue(RoleKey, out var role) && role is TeamRole found ? found : throw new InvalidOperationException("no team policy ran for this request");

    public sealed record TeamRoleRequirement(TeamRole Minimum) : IAuthorizationRequirement;

    private sealed class TeamRoleHandler(PracticeDbContext db) : AuthorizationHandler<TeamRoleRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TeamRoleRequirement requirement)
        {
            if (context.Resource is not HttpContext http
                || !Guid.TryParse(http.GetRouteValue("teamId")?.ToString(), out var teamId)
                || LearnerIdentity.UserIdOf(http) is not { } userId)
            {
                return;
            }
            var role = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId && m.UserId == userId)
                .Select(m => (TeamRole?)m.Role).SingleOrDefaultAsync(http.RequestAborted);
            if (role is { } found && found >= requirement.Minimum)
            {
                http.Items[RoleKey] = found;
                context.Succeed(requirement);
            }
        }
    }

    /// <summary>A failed team requirement of a signed-in user is a 404; everything else as ASP.NET Core does it.</summary>
    private sealed class NotFoundForTeams : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<TeamRoleRequirement>().Any() == true)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
