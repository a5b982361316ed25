namespace DataAccessBroker.Domain.Applications;

public sealed record PrincipalInvestigator(string Name, string Email, string Institution)
{
    public static PrincipalInvestigator Empty { get; } = new("", "", "");
}
