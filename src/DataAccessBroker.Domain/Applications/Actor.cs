namespace DataAccessBroker.Domain.Applications;

/// <summary>Who did something: the token's subject, a display name, the role acted in and the organisation.</summary>
public sealed record Actor(string Subject, string Name, string Role, string Organisation)
{
    public static Actor System { get; } = new("system", "DataAccessBroker", "System", "system");
}
