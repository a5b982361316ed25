using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// The other way a session ends: the portal's cookie is still good, but the broker's token in it has expired. The
/// portal does not call the broker with it; it sends the user to sign in again, keeping the form being posted.
/// </summary>
public sealed class PortalTokenExpiryTests(PortalTokenExpiryTests.ShortTokens portal) : IClassFixture<PortalTokenExpiryTests.ShortTokens>
{
    /// <summary>A broker whose development issuer hands out tokens that last four seconds.</summary>
    public sealed class ShortTokens : PortalFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> BrokerSettings =>
            [new("Authentication:DevelopmentIssuer:TokenLifetime", "00:00:04")];
    }

    [Fact]
    public async Task An_expired_broker_token_sends_the_user_to_sign_in_and_keeps_the_decision_being_posted()
    {
        var scenario = new Scenario(portal.Broker);
        var application = await scenario.GetAsync(await scenario.SubmittedToDataOwnerAsync("npr"));
        var task = application.Tasks.Single(t => t.Organisation == "npr");

        var nils = await portal.SignInAsync("nils");
        await nils.GotoAsync($"/Review/Decide/{Id(application.Name)}/{Id(task.Name)}");
        await nils.GetByRole(AriaRole.Radio, new() { Name = "Reject" }).CheckAsync();
        await nils.GetByLabel("Comment", new() { Exact = true }).FillAsync("Written while the token ran out");
        await Task.Delay(TimeSpan.FromSeconds(5));

        await nils.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        Assert.StartsWith(portal.Broker.IssuerAddress + "/authorize?", nils.Url);
        await portal.PickUserAsync(nils, "nils");

        Assert.Equal($"/Review/Decide/{Id(application.Name)}/{Id(task.Name)}", new Uri(nils.Url).AbsolutePath);
        Assert.Equal("Written while the token ran out", await nils.GetByLabel("Comment", new() { Exact = true }).InputValueAsync());
        Assert.True(await nils.GetByRole(AriaRole.Radio, new() { Name = "Reject" }).IsCheckedAsync());
        await Assertions.Expect(nils.Locator(".notice").First).ToContainTextAsync("nothing has been recorded yet");
        // Nothing was decided on the way: the task is still open at the broker.
        var now = await scenario.GetAsync(application.Name);
        Assert.Equal(Contracts.V1.StageTask.Types.State.Open, now.Tasks.Single(t => t.Name == task.Name).State);
    }

    private static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];
}
