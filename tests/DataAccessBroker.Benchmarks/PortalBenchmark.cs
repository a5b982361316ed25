using System.Diagnostics;
using System.Net;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// What a portal page costs a user: the time from request to the whole page, at the portal's door, for the pages
/// people use most (a researcher's list and application, the new-application form, a reviewer's queue and task, the
/// analyst's statistics), each fetched by several signed-in users at once. The broker is seeded first over gRPC with
/// submitted applications, so that lists and queues have something in them.
/// </summary>
public static class PortalBenchmark
{
    /// <summary>Each page with how many broker calls it makes (from the page's code), to read its latency against.</summary>
    private static readonly (string User, string Name, int Calls, Func<Seed, string> Path)[] Pages =
    [
        ("ada", "My applications", 1, _ => "/Applications"),
        ("ada", "Application", 2, s => $"/Applications/Details/{s.Application}"),
        ("ada", "New application", 2, _ => "/Applications/Edit"),
        ("rita", "Work queue", 1, _ => "/Review"),
        ("rita", "Task to decide", 2, s => $"/Review/Decide/{s.Application}/{s.Task}"),
        ("anders", "Statistics", 6, _ => "/Statistics"),
    ];

    public static async Task<int> RunAsync(Uri portal, Uri server, Uri issuer, int applications, int requests, int clients,
        TextWriter output, TextWriter error)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        error.WriteLine($"Seeding {applications} submitted applications…");
        var seed = await SeedAsync(http, server, issuer, applications);

        output.WriteLine($"Portal pages, {clients} signed-in users at once, {requests} requests per page after 20 not measured");
        output.WriteLine("page              broker calls  requests/s   p50 ms   p95 ms   p99 ms   max ms");
        output.WriteLine("----------------  ------------  ----------  -------  -------  -------  -------");
        foreach (var page in Pages)
        {
            var sessions = new List<PortalSession>();
            for (var i = 0; i < clients; i++)
            {
                var session = new PortalSession(http, portal);
                await session.SignInAsync(page.User);
                sessions.Add(session);
            }

            var path = page.Path(seed);
            await FetchAsync(sessions, path, 20);
            var clock = Stopwatch.StartNew();
            var samples = await FetchAsync(sessions, path, requests);
            var rate = requests / clock.Elapsed.TotalSeconds;
            var s = LatencySummary.Of(samples);
            output.WriteLine($"{page.Name,-16}  {page.Calls,12}  {rate,10:0.0}  {s.P50,7:0.0}  {s.P95,7:0.0}  {s.P99,7:0.0}  {s.Max,7:0.0}");
        }

        return 0;
    }

    /// <summary>The requests shared out over the sessions, each session one request at a time, as a person would.</summary>
    private static async Task<List<double>> FetchAsync(List<PortalSession> sessions, string path, int requests)
    {
        var samples = new List<double>(requests);
        var next = 0;
        await Task.WhenAll(sessions.Select(async session =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                var started = Stopwatch.GetTimestamp();
                var status = await session.GetAsync(path);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (status != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: HTTP {(int)status}");
                lock (samples) samples.Add(elapsed);
            }
        }));
        return samples;
    }

    private sealed record Seed(string Application, string Task);

    private static async Task<Seed> SeedAsync(HttpClient http, Uri server, Uri issuer, int applications)
    {
        using var channel = GrpcChannel.ForAddress(server);
        var ada = Authorised(await DevelopmentTokens.FetchAsync(http, issuer, "ada"));
        var rita = Authorised(await DevelopmentTokens.FetchAsync(http, issuer, "rita"));
        var service = new ApplicationService.ApplicationServiceClient(channel);
        string last = "";
        for (var i = 0; i < applications; i++)
        {
            var created = await service.CreateApplicationAsync(new CreateApplicationRequest { Application = ApplicationTemplate.Complete() }, ada);
            last = (await service.SubmitApplicationAsync(new SubmitApplicationRequest { Name = created.Application.Name }, ada)).Application.Name;
        }

        var tasks = await new ReviewService.ReviewServiceClient(channel).ListTasksAsync(new ListTasksRequest { PageSize = 100 }, rita);
        var task = tasks.Tasks.First(t => t.Application == last);
        return new Seed(Id(last), Id(task.Name));
    }

    private static CallOptions Authorised(string token) => new(new Metadata { { "Authorization", $"Bearer {token}" } });

    private static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];
}
