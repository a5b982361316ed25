using System.Security.Claims;
using DataAccessBroker.Cli;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Server.Authentication;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.BrokerFixture;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// One application across three broker nodes (Norway at home, Denmark and Finland as peers), each a real process on
/// its own database, talking gRPC with node credentials: the whole lifecycle, nodes killed while messages pend,
/// repeated and reordered deliveries, trust between nodes, statistics across nodes.
/// </summary>
[Collection(DabCollection.Name)]
public sealed class FederationTests(FederationFixture federation) : IClassFixture<FederationFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);
    private readonly BrokerNode _no = federation.Norway, _dk = federation.Denmark, _fi = federation.Finland;

    private User Ada => _no.As("ada", "uio", "Applicant");
    private User RekVest => _no.As("vera", "rek-vest", "RekReviewer");
    private User Kreftregisteret => _no.As("kari", "kreftregisteret", "DataOwner");
    private User NorwegianHds => _no.As("hanne", "hds", "HdsCaseOfficer");
    private User DanishOwner => _dk.As("sofie", "sds", "DataOwner");
    private User DanishHds => _dk.As("mads", "hds", "HdsCaseOfficer");
    private User FinnishOwner => _fi.As("aino", "syoparekisteri", "DataOwner");
    private User FinnishHds => _fi.As("eero", "hds", "HdsCaseOfficer");

    [Fact]
    public async Task A_cross_border_application_is_decided_and_delivered_by_every_node_and_home_tells_the_whole_story()
    {
        var application = await SubmitAsync(Purpose.HealthResearch, "kreftregisteret", "landspatientregistret", "syoparekisteri");
        Assert.Equal(Application.Types.State.RekReview, application.State);
        await ApproveAsync(RekVest, await QueuedTaskAsync(RekVest, application.Name, Stage.RekReview));

        // Home: the domestic review beside one peer assessment per peer, on the peers' 90-day clock.
        var home = await HomeAsync(application.Name);
        Assert.Equal(Application.Types.State.DataOwnerReview, home.State);
        Assert.Equal(["", "dk", "fi"], home.Tasks.Where(t => t.Stage == Stage.DataOwnerReview).Select(t => t.Node).Order());
        foreach (var assessment in home.Tasks.Where(t => t.Node.Length > 0))
        {
            Assert.Equal(assessment.Node, assessment.Organisation);
            Assert.Equal(assessment.OpenTime.ToDateTimeOffset().AddDays(90), assessment.DueTime.ToDateTimeOffset());
            Assert.Equal("90 calendar days", assessment.Allowance);
        }

        // Each peer runs its part: its own sources only, the applicant as home vouches for them, no REK of its own.
        var danish = await ForwardedPartAsync(_dk, DanishHds, application.Name);
        var finnish = await ForwardedPartAsync(_fi, FinnishHds, application.Name);
        Assert.Equal(["landspatientregistret"], danish.DataSources.Select(s => s.DataSource));
        Assert.Equal(["syoparekisteri"], finnish.DataSources.Select(s => s.DataSource));
        Assert.All(new[] { danish, finnish }, part =>
        {
            Assert.Equal(("no", application.Name, "no/ada"), (part.OriginNode, part.OriginApplication, part.Applicant));
            Assert.Equal(Application.Types.State.DataOwnerReview, part.State);
            Assert.Equal("REK 2026/4711", part.RekReference);
            Assert.NotNull(Assert.Single(part.Tasks).DueTime);
        });
        Assert.Equal("sds", danish.Tasks[0].Organisation);

        // Denmark's owner approves; its access body asks the applicant for changes, which reach home.
        await ApproveAsync(DanishOwner, await QueuedTaskAsync(DanishOwner, danish.Name, Stage.DataOwnerReview));
        var danishHdsTask = await QueuedTaskAsync(DanishHds, danish.Name, Stage.HdsDecision);
        await DanishHds.Reviews.RequestChangesAsync(new RequestChangesRequest
        {
            Name = danishHdsTask.Name, Etag = danishHdsTask.Etag, Comment = "Limit the cohort to 2015-2024.",
        });
        home = await HomeAsync(application.Name, a => a.State == Application.Types.State.AwaitingApplicant);
        Assert.Equal(Application.Types.State.AwaitingApplicant, home.State);
        Assert.Equal(StageTask.Types.State.ChangesRequested, PeerTask(home, "dk", Stage.DataOwnerReview)!.State);
        Assert.NotNull(home.ApplicantDueTime);

        // Ada answers at home; the Danish part resumes where it stood, with the new cohort.
        home.DataSources[1].CohortCriteria = "Adults 40-80, 2015-2024";
        var updated = await Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
        {
            Application = home, UpdateMask = new FieldMask { Paths = { "data_sources" } },
        });
        await Ada.Applications.ResubmitApplicationAsync(new ResubmitApplicationRequest
        {
            Name = application.Name, Etag = updated.Application.Etag, Comment = "Cohort limited to 2015-2024.",
        });
        danish = await PollAsync(() => GetAsync(DanishHds, danish.Name), a => a.State == Application.Types.State.HdsDecision, Soon);
        Assert.Equal(Application.Types.State.HdsDecision, danish.State);
        Assert.Equal("Adults 40-80, 2015-2024", danish.DataSources[0].CohortCriteria);
        await ApproveAsync(DanishHds, await QueuedTaskAsync(DanishHds, danish.Name, Stage.HdsDecision),
            "Results leave Denmark as aggregates only.");

        // Finland decides without asking anything; Norway's own bodies decide.
        await ApproveAsync(FinnishOwner, await QueuedTaskAsync(FinnishOwner, finnish.Name, Stage.DataOwnerReview));
        await ApproveAsync(FinnishHds, await QueuedTaskAsync(FinnishHds, finnish.Name, Stage.HdsDecision), "Findata's secure environment.");
        await ApproveAsync(Kreftregisteret, await QueuedTaskAsync(Kreftregisteret, application.Name, Stage.DataOwnerReview));
        home = await HomeAsync(application.Name, a => a.State == Application.Types.State.HdsDecision);
        Assert.Equal(Application.Types.State.HdsDecision, home.State);
        Assert.Equal("Results leave Denmark as aggregates only.", PeerTask(home, "dk", Stage.DataOwnerReview)!.Conditions);
        await ApproveAsync(NorwegianHds, await QueuedTaskAsync(NorwegianHds, application.Name, Stage.HdsDecision), "TSD only.");

        // Every node delivers its own sources; home completes when all have.
        await DeliverAsync(DanishOwner, danish.Name);
        await DeliverAsync(FinnishOwner, finnish.Name);
        await DeliverAsync(Kreftregisteret, application.Name);
        home = await HomeAsync(application.Name, a => a.State == Application.Types.State.Delivered);

        Assert.Equal(Application.Types.State.Delivered, home.State);
        Assert.Equal(Application.Types.State.Delivered, (await GetAsync(DanishHds, danish.Name)).State);
        Assert.Equal(Application.Types.State.Delivered, (await GetAsync(FinnishHds, finnish.Name)).State);
        Assert.Equal(
            [("", "kreftregisteret"), ("dk", "landspatientregistret"), ("fi", "syoparekisteri")],
            home.Tasks.Where(t => t.Stage == Stage.DataDelivery && t.State == StageTask.Types.State.Delivered)
                .Select(t => (t.Node, t.DataSource)).Order());

        // Home's history names each node as the actor of what its messages did.
        var history = await EventsAsync(application.Name);
        Assert.Equal(2, history.Count(e => e.Action == ApplicationEvent.Types.Action.ForwardToPeer));
        Assert.Single(history, e => e is { Action: ApplicationEvent.Types.Action.PeerChangesRequested, Actor: "node:dk" });
        Assert.Single(history, e => e is { Action: ApplicationEvent.Types.Action.PeerDecision, Actor: "node:dk" });
        Assert.Single(history, e => e is { Action: ApplicationEvent.Types.Action.PeerDecision, Actor: "node:fi" });
        Assert.Single(history, e => e is { Action: ApplicationEvent.Types.Action.PeerDelivered, Organisation: "fi", Role: "Node" });
        Assert.Contains(history, e => e is { Action: ApplicationEvent.Types.Action.PeerStatus, ActorName: "Sundhedsdatastyrelsen" });
        // And each peer's history names home as the actor of what home asked.
        var danishHistory = await EventsAsync(danish.Name, DanishHds);
        Assert.Equal("node:no", danishHistory[0].Actor);
        Assert.Single(danishHistory, e => e is { Action: ApplicationEvent.Types.Action.Resubmit, Actor: "node:no" });
    }

    [Fact]
    public async Task Messages_for_a_peer_that_is_down_wait_and_are_applied_once_in_order_when_it_returns()
    {
        _dk.Kill();
        try
        {
            var application = await SubmitAsync(Purpose.QualityImprovement, "landspatientregistret");
            await Ada.Applications.WithdrawApplicationAsync(new WithdrawApplicationRequest
            {
                Name = application.Name, Comment = "Wrong register; applying anew.",
            });

            // The admin sees both messages waiting, failing, and why.
            var admin = _no.As("admin", "dab", "Admin");
            var link = await PollAsync(async () => (await admin.Federation.ListPeersAsync(new ListPeersRequest())).Peers.Single(p => p.Node == "dk"),
                p => p.FailingMessages >= 1, Soon);
            Assert.True(link.PendingMessages >= 2, $"{link.PendingMessages} pending");
            Assert.True(link.FailingMessages >= 1);
            Assert.NotEmpty(link.LastError);
            Assert.NotNull(link.OldestPendingTime);

            await _dk.RestartAsync();
            Assert.True((await admin.Federation.RetryPeerAsync(new RetryPeerRequest { Node = "dk" })).Rescheduled >= 0);

            var part = await ForwardedPartAsync(_dk, DanishHds, application.Name, a => a.State == Application.Types.State.Withdrawn);
            Assert.Equal(Application.Types.State.Withdrawn, part.State);
            var id = IdOf(application.Name);
            Assert.Equal(1, await _dk.Database.CountAsync("applications", $"origin_application = '{id}'"));
            Assert.Equal(2, await _dk.Database.CountAsync("node_inbox", $"home_application = '{id}' and applied_time is not null"));
            var history = (await EventsAsync(part.Name, DanishHds)).Select(e => e.Action).ToList();
            Assert.Equal(ApplicationEvent.Types.Action.Create, history[0]);
            Assert.Equal(ApplicationEvent.Types.Action.Withdraw, history[^1]);
            Assert.Single(history, a => a == ApplicationEvent.Types.Action.Withdraw);
            await PollAsync(() => _no.Database.CountAsync("node_outbox", $"home_application = '{id}' and sent_time is null"), n => n == 0, Soon);
            Assert.Equal(0, await _no.Database.CountAsync("node_outbox", $"home_application = '{id}' and sent_time is null"));
        }
        finally
        {
            await EnsureRunningAsync(_dk);
        }
    }

    [Fact]
    public async Task Answers_a_peer_sends_while_home_is_down_are_applied_once_in_order_when_home_returns()
    {
        var application = await SubmitAsync(Purpose.QualityImprovement, "landspatientregistret");
        var part = await ForwardedPartAsync(_dk, DanishHds, application.Name);

        _no.Kill();
        try
        {
            await ApproveAsync(DanishOwner, await QueuedTaskAsync(DanishOwner, part.Name, Stage.DataOwnerReview));
            await ApproveAsync(DanishHds, await QueuedTaskAsync(DanishHds, part.Name, Stage.HdsDecision), "Aggregates only.");
            await DeliverAsync(DanishOwner, part.Name);
            var id = IdOf(application.Name);
            var written = await _dk.Database.CountAsync("node_outbox", $"home_application = '{id}'");
            Assert.True(written >= 5, $"{written} messages written for home"); // statuses, the decision, the delivery

            await _no.RestartAsync();

            var home = await HomeAsync(application.Name, a => PeerTask(a, "dk", Stage.DataDelivery)?.State == StageTask.Types.State.Delivered);
            Assert.Equal(StageTask.Types.State.Approved, PeerTask(home, "dk", Stage.DataOwnerReview)!.State);
            Assert.Equal("Aggregates only.", PeerTask(home, "dk", Stage.DataOwnerReview)!.Conditions);
            Assert.Equal(StageTask.Types.State.Delivered, PeerTask(home, "dk", Stage.DataDelivery)!.State);
            // Home waits on its own access body now: the peer's part was done before it got there.
            Assert.Equal(Application.Types.State.HdsDecision, home.State);
            // The delivery shows before the messages behind it are in: wait for every one, then check none twice.
            var applied = $"home_application = '{id}' and applied_time is not null";
            await PollAsync(() => _no.Database.CountAsync("node_inbox", applied), n => n >= written, Soon);
            Assert.Equal(written, await _no.Database.CountAsync("node_inbox", applied));
            var history = (await EventsAsync(application.Name)).Select(e => e.Action).ToList();
            Assert.Single(history, a => a == ApplicationEvent.Types.Action.PeerDecision);
            Assert.Single(history, a => a == ApplicationEvent.Types.Action.PeerDelivered);
            Assert.True(history.IndexOf(ApplicationEvent.Types.Action.PeerDecision) < history.IndexOf(ApplicationEvent.Types.Action.PeerDelivered));
        }
        finally
        {
            await EnsureRunningAsync(_no);
        }
    }

    [Fact]
    public async Task A_repeated_message_is_acknowledged_and_ignored_and_an_early_one_waits_for_its_predecessor()
    {
        var fromNorway = _fi.NodeServiceAs(_no.NodeToken());
        var home = Guid.NewGuid();
        var part = CompleteApplication("syoparekisteri");
        part.Purpose = Purpose.Statistics;
        part.RekCommittee = "";
        NodeMessage Message(int sequence, Action<NodeMessage> body)
        {
            var message = new NodeMessage
            {
                MessageId = Guid.NewGuid().ToString(), Sender = "no", HomeApplication = $"applications/{home}",
                Sequence = sequence, SendTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            };
            body(message);
            return message;
        }

        var forward = Message(1, m => m.Forward = new ForwardedPart { Part = part, Applicant = "ada" });
        var resubmit = Message(2, m => m.Resubmit = new ForwardedPart { Part = part, Comment = "no changes asked" });
        var withdraw = Message(3, m => m.Withdraw = new Withdrawal { Reason = "Withdrawn at home." });
        async Task<bool> Deliver(NodeMessage m) =>
            (await fromNorway.DeliverMessageAsync(new DeliverMessageRequest { Message = m })).Accepted;

        Assert.True(await Deliver(forward));
        Assert.True(await Deliver(withdraw)); // early: kept until 2 arrives
        var forwarded = await ForwardedPartAsync(_fi, FinnishHds, $"applications/{home}");
        Assert.Equal(Application.Types.State.DataOwnerReview, forwarded.State);

        Assert.True(await Deliver(resubmit));
        forwarded = await GetAsync(FinnishHds, forwarded.Name);
        Assert.Equal(Application.Types.State.Withdrawn, forwarded.State);
        var events = await EventsAsync(forwarded.Name, FinnishHds);
        Assert.Equal(
            [ApplicationEvent.Types.Action.Resubmit, ApplicationEvent.Types.Action.Withdraw],
            events.Skip(events.Count - 2).Select(e => e.Action));
        Assert.Contains("ignored", events[^2].Comment);

        Assert.False(await Deliver(resubmit));
        Assert.False(await Deliver(forward));
        Assert.False(await Deliver(withdraw));
        Assert.Equal(events.Count, (await EventsAsync(forwarded.Name, FinnishHds)).Count);
        Assert.Equal(3, await _fi.Database.CountAsync("node_inbox", $"home_application = '{home}'"));
        Assert.Equal(1, await _fi.Database.CountAsync("applications", $"origin_application = '{home}'"));
    }

    [Fact]
    public async Task Nodes_are_trusted_only_for_what_they_are_party_to_and_credentials_open_only_their_own_services()
    {
        var domestic = await SubmitAsync(Purpose.QualityImprovement, "kreftregisteret");
        var stranger = new DevelopmentIssuer(
            new DevelopmentIssuerOptions { Url = $"http://127.0.0.1:{FreePort()}" }, "api://data-access-broker", TimeProvider.System);
        var strangerToken = stranger.Mint(
            [new Claim("sub", "node:se"), new Claim("org", "se"), new Claim("roles", "Node")], DateTimeOffset.UtcNow.AddHours(1));
        NodeMessage Status(string sender, string homeApplication) => new()
        {
            MessageId = Guid.NewGuid().ToString(), Sender = sender, HomeApplication = homeApplication, Sequence = 1,
            Status = new PeerStatus { State = Application.Types.State.Rejected },
        };
        async Task<StatusCode> Deliver(string token, NodeMessage message) => (await FailureOf(() =>
            _no.NodeServiceAs(token).DeliverMessageAsync(new DeliverMessageRequest { Message = message }).ResponseAsync)).Code;
        var missing = Guid.NewGuid();
        var before = await WrittenAsync(_no, IdOf(domestic.Name), missing);

        Assert.Equal(StatusCode.Unauthenticated, await Deliver(strangerToken, Status("se", domestic.Name)));
        Assert.Equal(StatusCode.Unauthenticated, await Deliver(_dk.NodeToken(), Status("fi", domestic.Name)));
        Assert.Equal(StatusCode.NotFound, await Deliver(_dk.NodeToken(), Status("dk", domestic.Name)));
        Assert.Equal(StatusCode.NotFound, await Deliver(_dk.NodeToken(), Status("dk", $"applications/{missing}")));
        Assert.Equal(StatusCode.Unauthenticated, (await FailureOf(() => new ApplicationService.ApplicationServiceClient(
            _no.Invoker(_dk.NodeToken())).ListApplicationsAsync(new ListApplicationsRequest()).ResponseAsync)).Code);
        Assert.Equal(StatusCode.PermissionDenied, await Deliver(_no.Process.TokenFor("admin", "dab", "Admin"), Status("dk", domestic.Name)));
        Assert.Equal(StatusCode.PermissionDenied, (await FailureOf(() =>
            Ada.Node.GetCatalogAsync(new GetCatalogRequest()).ResponseAsync)).Code);

        Assert.Equal(before, await WrittenAsync(_no, IdOf(domestic.Name), missing));
        Assert.Equal(Application.Types.State.DataOwnerReview, (await GetAsync(Ada, domestic.Name)).State);
    }

    [Fact]
    public async Task Each_node_reports_its_own_turnaround_suppressed_before_it_leaves_and_home_counts_the_peers_time()
    {
        // Denmark has history enough to report figures; Finland has only a handful of cases and suppresses them.
        await _dk.As("admin", "dab", "Admin").Simulation.SimulateHistoryAsync(
            new SimulateHistoryRequest { Applications = 200, Seed = 11, Months = 6 });
        var application = await SubmitAsync(Purpose.QualityImprovement, "landspatientregistret");
        var part = await ForwardedPartAsync(_dk, DanishHds, application.Name);
        await ApproveAsync(DanishOwner, await QueuedTaskAsync(DanishOwner, part.Name, Stage.DataOwnerReview));
        await ApproveAsync(DanishHds, await QueuedTaskAsync(DanishHds, part.Name, Stage.HdsDecision));
        var analyst = _no.As("anders", "helseomsorg21", "Analyst");

        var answer = await PollAsync(
            () => analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Nodes = { "all" } }).ResponseAsync,
            r => r.Nodes.Count == 3 && r.Nodes[1].Groups.Any(g => !g.Suppressed), TimeSpan.FromSeconds(60));

        Assert.Equal(["no", "dk", "fi"], answer.Nodes.Select(n => n.Node));
        Assert.Equal("Sundhedsdatastyrelsen", answer.Nodes[1].NodeName);
        Assert.All(answer.Nodes, n => Assert.Empty(n.Error));
        Assert.Contains(answer.Nodes[1].Groups, g => !g.Suppressed && g.Count >= 5 && g.HasMedianBusinessDays);
        Assert.All(answer.Nodes.SelectMany(n => n.Groups).Where(g => g.Suppressed),
            g => Assert.True(!g.HasCount && !g.HasCohortOpened && !g.HasMedianBusinessDays && !g.HasSlaCompliance));
        Assert.All(answer.Nodes[2].Groups, g => Assert.True(g.Suppressed));
        // Denmark's figures come from its simulated history, and it says so; Finland's do not.
        Assert.Equal((true, false), (answer.Nodes[1].Simulated, answer.Nodes[2].Simulated));

        // What leaves Finland is suppressed there: a peer cannot ask it for smaller groups.
        var fromNorway = _fi.NodeServiceAs(_no.NodeToken());
        var (code, _) = await FailureOf(() => fromNorway.GetNodeTurnaroundAsync(new GetNodeTurnaroundRequest
        {
            Filter = new StatisticsFilter { SuppressionThreshold = 1 },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, code);
        var raw = await fromNorway.GetNodeTurnaroundAsync(new GetNodeTurnaroundRequest());
        Assert.All(raw.Groups, g => Assert.True(g.Suppressed && !g.HasCount && !g.HasMedianBusinessDays));

        // At home, the Danish assessment is an ordinary task of the data-owner review in the statistics (a group of its
        // own, suppressed while it is small).
        var home = await PollAsync(() => analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest()).ResponseAsync,
            r => r.Groups.Any(g => g.Body == "dk"), TimeSpan.FromSeconds(60));
        Assert.Contains(home.Groups, g => g.Body == "dk" && g.Stage == Stage.DataOwnerReview);

        Assert.Equal(StatusCode.InvalidArgument, (await FailureOf(() => analyst.Statistics.GetTurnaroundAsync(
            new GetTurnaroundRequest { Nodes = { "se" } }).ResponseAsync)).Code);
    }

    [Fact]
    public async Task Every_node_lists_its_peers_sources_with_their_node_and_publishes_its_own_as_DCAT_AP()
    {
        var catalog = await Ada.Catalog.ListDataSourcesAsync(new ListDataSourcesRequest());

        Assert.Equal("no", catalog.Node);
        Assert.Equal("dk", catalog.DataSources.Single(s => s.Code == "landspatientregistret").Node);
        Assert.Equal("fi", catalog.DataSources.Single(s => s.Code == "hilmo").Node);
        Assert.Equal("no", catalog.DataSources.Single(s => s.Code == "kreftregisteret").Node);
        Assert.Equal(["dk", "fi"], catalog.Mirrors.Select(m => m.Node).Order());
        Assert.All(catalog.Mirrors, m => Assert.NotNull(m.RefreshTime));

        using var http = new HttpClient();
        var published = System.Text.Json.Nodes.JsonNode.Parse(
            await http.GetStringAsync($"{_dk.Process.OperationsAddress}/catalog.jsonld"))!;
        Assert.Equal("dcat:Catalog", (string?)published["@type"]);
        var datasets = published["dcat:dataset"]!.AsArray();
        Assert.Equal(["cancerregistret", "laegemiddelstatistikregistret", "landspatientregistret"],
            datasets.Select(d => (string?)d!["dct:identifier"]).Order());
        Assert.All(datasets, d =>
        {
            Assert.Equal("Sundhedsdatastyrelsen", (string?)d!["healthdcatap:hdab"]!["foaf:name"]);
            Assert.EndsWith("NON_PUBLIC", (string?)d["dct:accessRights"]!["@id"]);
        });
    }

    [Fact]
    public async Task Dab_shows_each_sources_node_finds_a_forwarded_part_and_lists_the_peers_for_the_admin()
    {
        var application = await SubmitAsync(Purpose.QualityImprovement, "landspatientregistret");
        var part = await ForwardedPartAsync(_dk, DanishHds, application.Name);
        var home = IdOf(application.Name).ToString();

        var catalog = await DabAsync(_no, "ada", "catalog");
        Assert.Matches(@"(?m)^landspatientregistret .* dk\s*$", catalog);
        Assert.Matches(@"(?m)^kreftregisteret .* no\s*$", catalog);
        Assert.Contains("dk (Sundhedsdatastyrelsen): mirrored", catalog);

        Assert.Equal(IdOf(part.Name).ToString(), (await DabAsync(_dk, "mads", "list", "--origin", home, "-q")).Trim());
        Assert.Equal("", (await DabAsync(_fi, "eero", "list", "--origin", home, "-q")).Trim());
        Assert.Matches(@"(?m)^peer assessment\s+dk\s+dk\s+open\s", await DabAsync(_no, "ada", "show", home));

        var peers = await DabAsync(_no, "admin", "federation");
        Assert.Matches(@"(?m)^dk\s+Sundhedsdatastyrelsen\s", peers);
        Assert.Matches(@"(?m)^fi\s+Findata\s", peers);
    }

    /// <summary>Runs dab in-process against a node, signed in as one of the node's demo users (a session per node and user).</summary>
    private static async Task<string> DabAsync(BrokerNode node, string user, params string[] args)
    {
        Environment.SetEnvironmentVariable("DAB_TOKEN_FILE",
            Path.Combine(Path.GetTempPath(), $"dab-session-{node.Code}-{user}-{node.GrpcPort}.json"));
        async Task<string> Run(params string[] command)
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var exitCode = await DabCli.RunAsync([.. command, "--server", node.GrpcAddress], stdout, stderr);
            Assert.True(exitCode == 0, $"dab {string.Join(' ', command)} at {node.Code} exited {exitCode}\n{stdout}\n{stderr}");
            return stdout.ToString();
        }

        await Run("login", user, "--issuer", node.IssuerAddress);
        return await Run(args);
    }

    private async Task<Application> SubmitAsync(Purpose purpose, params string[] sources)
    {
        var application = CompleteApplication(sources);
        application.Purpose = purpose;
        application.RekReference = purpose == Purpose.HealthResearch ? "REK 2026/4711" : "";
        if (purpose != Purpose.HealthResearch) application.RekCommittee = "";
        var created = await Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
        return (await Ada.Applications.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            Name = created.Application.Name, Etag = created.Application.Etag,
        })).Application;
    }

    private async Task<Application> HomeAsync(string name, Func<Application, bool>? until = null) =>
        await PollAsync(() => GetAsync(Ada, name), until ?? (_ => true), Soon);

    /// <summary>The part of a home application at a peer, as the peer's access body sees it, once it is there.</summary>
    private static async Task<Application> ForwardedPartAsync(
        BrokerNode peer, User hds, string homeApplication, Func<Application, bool>? until = null)
    {
        var part = await PollAsync(async () =>
            (await hds.Applications.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100 })).Applications
                .FirstOrDefault(a => a.OriginApplication == homeApplication),
            a => a is not null && (until?.Invoke(a) ?? true), Soon);
        Assert.True(part is not null, $"{homeApplication} never reached {peer.Code}");
        return part;
    }

    private static StageTask? PeerTask(Application home, string node, Stage stage) =>
        home.Tasks.SingleOrDefault(t => t.Node == node && t.Stage == stage);

    private static async Task<Application> GetAsync(User reader, string name) =>
        (await reader.Applications.GetApplicationAsync(new GetApplicationRequest { Name = name })).Application;

    /// <summary>The reviewer's open task of the stage (read from the application: a node's queue may be long).</summary>
    private static async Task<StageTask> QueuedTaskAsync(User reviewer, string application, Stage stage) =>
        Assert.Single((await GetAsync(reviewer, application)).Tasks,
            t => t.Stage == stage && t.State == StageTask.Types.State.Open && t.Node.Length == 0);

    private static async Task DeliverAsync(User owner, string application)
    {
        var task = await QueuedTaskAsync(owner, application, Stage.DataDelivery);
        await owner.Reviews.MarkDeliveredAsync(new MarkDeliveredRequest { Name = task.Name, Etag = task.Etag });
    }

    private Task<List<ApplicationEvent>> EventsAsync(string application, User? reader = null) =>
        AllEventsAsync(reader ?? Ada, application);

    private static Guid IdOf(string name) => Guid.Parse(name["applications/".Length..]);

    /// <summary>Rows of everything a node message about these applications could write.</summary>
    private static async Task<(long, long, long, long)> WrittenAsync(BrokerNode node, params Guid[] applications)
    {
        var about = $"home_application in ('{string.Join("', '", applications)}')";
        return (await node.Database.CountAsync("node_inbox", about), await node.Database.CountAsync("node_streams", about),
            await node.Database.CountAsync("applications", $"origin_application in ('{string.Join("', '", applications)}')"),
            await node.Database.CountAsync("application_events", $"application_id in ('{string.Join("', '", applications)}')"));
    }

    private static async Task EnsureRunningAsync(BrokerNode node)
    {
        if (node.Process.HasExited) await node.RestartAsync();
    }
}
