namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>One read of an application's content by someone other than its applicant.</summary>
/// <param name="Read">The RPC that returned the content, e.g. GetApplication.</param>
public sealed record AccessRecord(
    long Id, Guid Application, string ActorSubject, string ActorName, string ActorOrganisation,
    IReadOnlyList<string> ActorRoles, string Read, DateTimeOffset ReadTime);
