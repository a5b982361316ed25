using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Access;

/// <summary>The authenticated caller: subject, display name, roles and organisation from the token.</summary>
public sealed record Caller(string Subject, string Name, IReadOnlySet<string> Roles, string Organisation)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>The caller as recorded in events, acting in the given role.</summary>
    public Actor ActingAs(string role) => new(Subject, Name, role, Organisation);
}
