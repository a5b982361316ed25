using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Federation;

/// <summary>
/// What an application tells another broker node when it changes: the home node forwards a peer's part, its
/// resubmission and its end; a peer reports its part's progress back. The domain only says what to send; the
/// infrastructure writes it to the outbox in the transaction of the change, so a message is sent if and only if the
/// change happened.
/// </summary>
public abstract record FederationMessage(string Destination)
{
    /// <summary>Home → peer: the part of the application that concerns the peer, with only the peer's sources.</summary>
    public sealed record Forward(string Destination, ApplicationDetails Part, string Applicant) : FederationMessage(Destination);

    /// <summary>Home → peer: the applicant answered the peer's request for changes.</summary>
    public sealed record Resubmit(string Destination, ApplicationDetails Part, string? Comment) : FederationMessage(Destination);

    /// <summary>Home → peer: the application ended at home (withdrawn, rejected, lapsed); the peer's part ends too.</summary>
    public sealed record Withdraw(string Destination, string Reason) : FederationMessage(Destination);

    /// <summary>Peer → home: the peer's part moved to another state.</summary>
    public sealed record Status(string Destination, ApplicationState State) : FederationMessage(Destination);

    /// <summary>Peer → home: the peer asks the applicant for changes.</summary>
    public sealed record ChangesRequested(string Destination, string Comment) : FederationMessage(Destination);

    /// <summary>Peer → home: the peer's access body decided, or the part was rejected at the peer.</summary>
    public sealed record Decision(string Destination, bool Approved, string? Conditions, string? Comment)
        : FederationMessage(Destination);

    /// <summary>Peer → home: one of the peer's sources was delivered.</summary>
    public sealed record Delivered(string Destination, string DataSource, DateTimeOffset Time, string? Comment)
        : FederationMessage(Destination);
}
