using Grpc.Core;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// The development issuer's demo users who take one application from creation to delivery: the applicant, REK sør-øst
/// A, the data owners of the two requested registries and Helsedataservice. Each carries its bearer token as call
/// metadata, so all of them share the same channels.
/// </summary>
public sealed class Cast
{
    private Cast(Metadata ada, Metadata rita, Metadata kari, Metadata nils, Metadata hanne)
    {
        Applicant = ada;
        RekCommittee = rita;
        Hds = hanne;
        DataOwners = new Dictionary<string, Metadata> { ["kreftregisteret"] = kari, ["npr"] = nils };
    }

    public Metadata Applicant { get; }
    public Metadata RekCommittee { get; }
    public Metadata Hds { get; }

    /// <summary>The owner of each requested data source, by data source code.</summary>
    public IReadOnlyDictionary<string, Metadata> DataOwners { get; }

    public static async Task<Cast> SignInAsync(Uri issuer)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        async Task<Metadata> As(string user) =>
            new() { { "Authorization", $"Bearer {await DevelopmentTokens.FetchAsync(http, issuer, user)}" } };

        return new Cast(await As("ada"), await As("rita"), await As("kari"), await As("nils"), await As("hanne"));
    }
}
