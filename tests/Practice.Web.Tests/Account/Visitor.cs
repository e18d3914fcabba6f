using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Practice.Testing;

namespace Practice.Web.Tests.Account;

/// <summary>One browser: its own cookies (learner id, sign-in, antiforgery), following no redirects.</summary>
internal sealed class Visitor(PracticeAppFactory app)
{
    public const string Password = "a long enough passphrase";

    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpResponseMessage> RegisterAsync(string email, string displayName = "Ada", string password = Password, string timeZone = "Europe/Berlin")
    {
        var form = await PageForm.OpenAsync(Client, "/account/register", "name=\"Email\"");
        return await form.Without("TimeZone").Set("Email", email).Set("DisplayName", displayName).Set("Password", password).Set("TimeZone", timeZone).SubmitAsync();
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Password)
    {
        var form = await PageForm.OpenAsync(Client, "/account/sign-in", "name=\"Email\"");
        return await form.Set("Email", email).Set("Password", password).SubmitAsync();
    }

    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var form = await PageForm.OpenAsync(Client, "/account/sign-out", "Sign out of Practice");
        return await form.SubmitAsync();
    }

    /// <summary>Answers one question of the fixture scenario and returns the attempt's id.</summary>
    public async Task<Guid> AnswerAsync(string side = "data")
    {
        var response = await (await PageForm.OpenAsync(Client, "kubelet-stops")).Set("q.side", side).SubmitAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"submit: {response.StatusCode}");
        return PageForm.AttemptIdOf(response);
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
