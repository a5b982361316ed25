namespace DataAccessBroker.Domain.Catalog;

/// <summary>
/// The real registries and committees each demonstration node starts with: Norway's (docs/design.md §1), and the Danish and
/// Finnish registers that are the first candidates for Nordic cross-border applications. Organisation codes are what
/// the reviewers' tokens carry in their organisation claim.
/// </summary>
public static class CatalogSeed
{
    public const string Norway = "no";
    public const string Denmark = "dk";
    public const string Finland = "fi";

    private static readonly IReadOnlyList<DataSource> NorwegianSources =
    [
        new("kreftregisteret", "Kreftregisteret", "Kreftregisteret", "kreftregisteret", Norway),
        new("npr", "Norsk pasientregister (NPR)", "Helsedirektoratet", "npr", Norway),
        new("kpr", "Kommunalt pasient- og brukerregister (KPR)", "Helsedirektoratet", "kpr", Norway),
        new("dodsarsaksregisteret", "Dødsårsaksregisteret", "Folkehelseinstituttet", "dodsarsaksregisteret", Norway),
        new("reseptregisteret", "Reseptregisteret (LMR)", "Folkehelseinstituttet", "reseptregisteret", Norway),
        new("mfr", "Medisinsk fødselsregister (MFR)", "Folkehelseinstituttet", "mfr", Norway),
        new("msis", "Meldingssystem for smittsomme sykdommer (MSIS)", "Folkehelseinstituttet", "msis", Norway),
    ];

    private static readonly IReadOnlyList<DataSource> DanishSources =
    [
        new("landspatientregistret", "Landspatientregistret (LPR)", "Sundhedsdatastyrelsen", "sds", Denmark),
        new("cancerregistret", "Cancerregistret", "Sundhedsdatastyrelsen", "sds", Denmark),
        new("laegemiddelstatistikregistret", "Lægemiddelstatistikregistret", "Sundhedsdatastyrelsen", "sds", Denmark),
    ];

    private static readonly IReadOnlyList<DataSource> FinnishSources =
    [
        new("hilmo", "Care Register for Health Care (Hilmo)", "Finnish Institute for Health and Welfare (THL)", "thl",
            Finland),
        new("syoparekisteri", "Finnish Cancer Registry (Suomen Syöpärekisteri)", "Cancer Society of Finland",
            "syoparekisteri", Finland),
    ];

    /// <summary>Norway's registries: this is what a broker that is not told otherwise holds.</summary>
    public static IReadOnlyList<DataSource> DataSources => NorwegianSources;

    public static IReadOnlyList<RekCommittee> RekCommittees { get; } =
    [
        new("rek-sor-ost-a", "REK sør-øst A", "Sør-Øst"),
        new("rek-sor-ost-b", "REK sør-øst B", "Sør-Øst"),
        new("rek-sor-ost-c", "REK sør-øst C", "Sør-Øst"),
        new("rek-sor-ost-d", "REK sør-øst D", "Sør-Øst"),
        new("rek-vest", "REK vest", "Vest"),
        new("rek-midt", "REK midt", "Midt-Norge"),
        new("rek-nord", "REK nord", "Nord"),
    ];

    /// <summary>The sources a node holds itself; none for a node without a seed.</summary>
    public static IReadOnlyList<DataSource> DataSourcesOf(string node) => node switch
    {
        Norway => NorwegianSources,
        Denmark => DanishSources,
        Finland => FinnishSources,
        _ => [],
    };

    /// <summary>REK is Norwegian: only the Norwegian node has committees.</summary>
    public static IReadOnlyList<RekCommittee> RekCommitteesOf(string node) => node == Norway ? RekCommittees : [];
}
