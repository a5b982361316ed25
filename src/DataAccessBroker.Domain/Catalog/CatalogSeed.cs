namespace DataAccessBroker.Domain.Catalog;

/// <summary>
/// The real Norwegian registries and REK committees the broker starts with (DESIGN.md §1). Organisation codes are what
/// the reviewers' tokens carry in their organisation claim.
/// </summary>
public static class CatalogSeed
{
    public static IReadOnlyList<DataSource> DataSources { get; } =
    [
        new("kreftregisteret", "Kreftregisteret", "Kreftregisteret", "kreftregisteret"),
        new("npr", "Norsk pasientregister (NPR)", "Helsedirektoratet", "npr"),
        new("kpr", "Kommunalt pasient- og brukerregister (KPR)", "Helsedirektoratet", "kpr"),
        new("dodsarsaksregisteret", "Dødsårsaksregisteret", "Folkehelseinstituttet", "dodsarsaksregisteret"),
        new("reseptregisteret", "Reseptregisteret (LMR)", "Folkehelseinstituttet", "reseptregisteret"),
        new("mfr", "Medisinsk fødselsregister (MFR)", "Folkehelseinstituttet", "mfr"),
        new("msis", "Meldingssystem for smittsomme sykdommer (MSIS)", "Folkehelseinstituttet", "msis"),
    ];

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
}
